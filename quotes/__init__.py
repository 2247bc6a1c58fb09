"""quotes: quote attribution for news, with a DuckDB speaker database.

    from quotes import QuoteDB, extract_text
    extract_text("“We will win,” she said.")
    QuoteDB("data/quotes.duckdb").quotes(speaker="trump")
"""

from quotes.db import QuoteDB
from quotes.extract import ExtractOptions, extract_quotes, extract_text
from quotes.records import Quote

__all__ = ["QuoteDB", "ExtractOptions", "Quote", "extract_quotes", "extract_text"]
__version__ = "0.1.0"
