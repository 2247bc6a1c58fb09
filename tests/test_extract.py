"""Every construction the engine promises, on sentences written for these tests."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def one(quotes, kind=None):
    found = [q for q in quotes if kind is None or q.kind == kind]
    assert len(found) == 1, [(q.kind, q.text) for q in quotes]
    return found[0]


def test_split_quote_is_one_record_with_two_segments(extract):
    text = "Mayor Jane Holt spoke on Monday.\n“We will finish the road,” she said, “and we will do it this year.”"
    q = one(extract(text), "direct")
    assert q.speaker == "Jane Holt"
    assert [text[s:e] for s, e in q.segments] == ["We will finish the road,", "and we will do it this year."]


def test_inverted_said_with_appositive_role(extract):
    q = one(extract("“The talks went well,” said Farhan Haq, a U.N. spokesperson."))
    assert (q.speaker, q.role, q.method) == ("Farhan Haq", "a U.N. spokesperson", "inverted_subject")


def test_title_is_stripped_and_kept_as_role(extract):
    q = one(extract("Defense Secretary Pete Hegseth said on Friday: “Europe must do more.”"))
    assert q.speaker == "Pete Hegseth" and q.role == "Defense Secretary"


def test_mixed_quote_keeps_the_reported_clause_and_fragments(extract):
    text = "Senator Maria Lopez said that the plan was “deeply flawed” and would fail."
    q = one(extract(text))
    assert q.kind == "mixed" and q.speaker == "Maria Lopez"
    assert q.text.startswith("that the plan") and [text[s:e] for s, e in q.fragments] == ["deeply flawed"]


def test_indirect_speech_with_that(extract):
    q = one(extract("The engineer Tom Price said that the bridge would reopen in May."), "indirect")
    assert q.speaker == "Tom Price" and "bridge would reopen" in q.text


def test_according_to(extract):
    q = one(extract("According to Ruth Meyer, the factory will close next year."), "indirect")
    assert q.speaker == "Ruth Meyer" and q.method == "according_to" and q.text.startswith("the factory")


def test_told_reporters_speaker_is_not_the_listener(extract):
    q = one(extract("Governor Alan Burke told reporters that taxes would not rise."), "indirect")
    assert q.speaker == "Alan Burke"


def test_pronoun_speaker_resolves_to_full_name(extract):
    text = ("Prime Minister Sofia Berg arrived in Oslo on Monday.\n\n"
            "“We have a plan for the winter,” she said.")
    q = one(extract(text), "direct")
    assert q.speaker == "Sofia Berg" and q.speaker_mention == "she"


def test_surname_and_title_forms_become_the_full_name(extract):
    text = ("Donald Trump held a rally in Ohio.\n\n“We will win,” Mr. Trump said.\n\n"
            "“It will be easy,” President Trump said.")
    assert {q.speaker for q in extract(text)} == {"Donald Trump"}


def test_description_speaker_resolves_through_the_title(extract):
    text = ("President Ana Silva met farmers on Tuesday.\n\n"
            "“Prices must come down,” the president said.")
    q = one(extract(text), "direct")
    assert q.speaker == "Ana Silva"


def test_colon_introduced_quote(extract):
    q = one(extract("Dr. Lena Park was blunt: “We are running out of time.”"))
    assert q.speaker == "Lena Park" and q.method.startswith("colon")


def test_as_she_put_it(extract):
    q = one(extract("As Dr. Lena Park put it in a letter to the board, “We are running out of time.”"))
    assert q.speaker == "Lena Park" and q.cue == "put" and q.kind == "direct"


@pytest.mark.parametrize("text, speaker, method", [
    pytest.param("One early supporter, Representative Lee Zeldin, Republican of New York, gave the technique a "
                 "whirl in an interview on Tuesday: “You can easily argue that the plan is a disaster.”",
                 "Lee Zeldin", "colon_subject", id="colon after a clause the parser hung on the quote"),
    pytest.param("Dr. Eleanor Mariano wrote a memoir of her years at the White House. According to her account, "
                 "the first lady was sent to the hospital for an ultrasound.",
                 "Eleanor Mariano", "according_to", id="according to her account is her"),
    pytest.param("On Friday's broadcast, Senator Dana Price was asked by the host, Bill Mahoney, “Are you tired of "
                 "hearing about the emails?”", "Bill Mahoney", "agent", id="the one asked is the listener"),
    pytest.param("On its official website, the FBI lists “public corruption as the FBI's top criminal priority.”",
                 "FBI", "clause_subject", id="words in a clause no speech verb reports are its subject's"),
    pytest.param("Gov. Ann Lee spoke at the memorial on Sunday. She offered “my thoughts and prayers for all of "
                 "the families.”", "Ann Lee", "clause_subject", id="and a pronoun subject is resolved as usual"),
])
def test_speaker_and_the_rule_that_found_it(extract, text, speaker, method):
    q = one(extract(text))
    assert q.speaker == speaker and q.method.startswith(method)


def test_a_question_put_to_somebody_is_not_theirs_and_the_answer_is(extract):
    text = ("In an interview published on Wednesday, Senator Dana Price was asked, “What is the most dangerous place "
            "you have been to?”\n\n“Probably a hearing room on a Friday afternoon,” she said.")
    question, answer = extract(text)
    assert question.speaker is None and question.method == "agent:unresolved"
    assert answer.speaker == "Dana Price"


def test_a_roundup_topic_line_before_a_dash_is_not_the_speaker(extract):
    text = "RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “Twenty states are solidly Republican this year.”"
    assert one(extract(text)).speaker == "Jeffrey M. Jones"


def test_speech_verb_through_an_adverb(extract):
    q = one(extract("The columnist Dana Auerbach went so far as to say: “The platform as we know it is over.”"))
    assert q.speaker == "Dana Auerbach"


def test_name_before_a_cue_the_parser_left_without_subject(extract):
    text = ("But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military spokesman in "
            "Baghdad, said, “I mean, a raid is a combat operation. There is no way around that.”")
    q = one(extract(text))
    assert q.speaker == "Steven H. Warren" and q.cue == "said"


@pytest.mark.parametrize("text, speaker", [
    ("“She needs one or two big ideas,” said Robert Reich, who served as labor secretary yet endorsed Bernie "
     "Sanders in the primary.", "Robert Reich"),
    ("“Debate recap,” tweeted Rubio spokesman Alex Conant, who sat beside Marco Rubio.", "Alex Conant"),
])
def test_inverted_cue_the_parser_left_without_subject_takes_the_name_after_it(extract, text, speaker):
    q = one(extract(text), "direct")
    assert q.speaker == speaker and q.method == "inverted_subject"


@pytest.mark.parametrize("text, speaker", [
    ("During their first debate, Hillary Clinton cracked, “I'm a progressive who likes to get things done.”",
     "Hillary Clinton"),
    ("Mayor Ann Lee shot back, “That is simply not true and you know it.”", "Ann Lee"),
])
def test_a_short_clause_and_a_comma_introduce_the_quote_after_them(extract, text, speaker):
    assert one(extract(text)).speaker == speaker


def test_a_clause_before_a_quoted_title_is_no_lead_in(extract):
    quotes = extract("When Ann Lee arrived, “Hamilton” was sold out for months.")
    assert all(q.speaker is None for q in quotes)


@pytest.mark.parametrize("lead, floats", [
    ("Unless further rivals quit the race,", True),
    ("But", True),
    ("He has directed", False),  # somebody's action, not a continuation: the clause's subject's words
])
def test_a_quote_after_a_modifier_continues_the_speaker_before(extract, lead, floats):
    text = f"“It's an enormous moment,” said Steve Schmidt, a strategist. {lead} “a very difficult race to win.”"
    second = extract(text)[-1]
    assert (second.speaker == "Steve Schmidt" and second.method == "floating") == floats


def test_a_verb_the_entity_recogniser_swept_in_is_not_part_of_the_name(extract):
    text = ("“If people want safer streets, they should vote for Donald Trump,” Christie said. “He'll appoint an "
            "attorney general who will send very clear messages,” Christie added, referencing a job.")
    assert [q.speaker for q in extract(text)] == ["Christie", "Christie"]


@pytest.mark.parametrize("text", [
    "In an interview on his podcast “The Axe Files” out Thursday, Mary Kay Henry said her union would decide.",
    "“We have to really increase the bombings,” Donald Trump told “Fox and Friends” on Monday.",
    "The movie, “13 Hours: The Secret Soldiers of Benghazi,” is based on a book by the contractors.",
    "Scribner will publish a biography titled “Trump Revealed” in August.",
])
def test_the_title_of_a_work_or_show_is_not_a_quote(extract, text):
    quoted = [q.text for q in extract(text) if q.kind == "direct"]
    assert not any(t.startswith(("The Axe", "Fox", "13 Hours", "Trump Revealed")) for t in quoted), quoted


def test_quoted_words_describing_a_subject_are_not_its_words(extract):
    quotes = extract("Gov. Ann Lee signed the budget on Friday. The new plan is “dead on arrival in the Senate this "
                     "year.”")
    assert all(q.speaker is None and q.speaker_mention is None for q in quotes)


def test_a_title_case_phrase_someone_called_a_thing_stays(extract):
    q = one(extract("Mayor Ann Lee called the plan “A Total Disaster For Everyone.”"))
    assert q.speaker == "Ann Lee" and "Total Disaster" in q.text


def test_a_participle_hung_on_the_quote_is_not_its_cue(extract):
    text = ("Hillary Clinton says rival Bernie Sanders accepted about $200,000 in indirect donations from Wall "
            "Street and “there’s nothing wrong with that” — asserting that big donations from the financial "
            "industry didn’t change his views on public policy, and they don’t change hers.")
    q = one(extract(text), "mixed")
    assert (q.speaker, q.cue) == ("Hillary Clinton", "says")


def test_fact_check_format_names_the_speaker_on_the_next_line(extract):
    text = ("The Post asked for copies of the speeches.\n\n\"I went to Wall Street before the crash. I was the one "
            "saying you're going to wreck the economy.\"\n\n-Hillary Clinton, in the debate.\n\n\"Boeing and GE and "
            "other multinationals pay zero taxes.\"\n\n- Sanders said on Tuesday that the figure was right.")
    quotes = [q for q in extract(text) if q.kind == "direct"]
    assert quotes[0].speaker.endswith("Clinton") and quotes[0].method == "dash_name"
    assert quotes[1].method != "dash_name"  # a sentence on the next line is not a byline


def test_a_name_tagged_as_an_organisation_right_before_the_cue(extract):
    text = ("At a rally that night in Macon, Trump called LeVell, a former Republican county chairman in Gwinnett "
            "County in suburban Atlanta, onto the stage. \"Donald Trump is not a racist, guys,\" LeVell assured the "
            "mostly white crowd.")
    assert one(extract(text)).speaker == "LeVell"


def test_a_no_break_space_before_a_quote_still_opens_a_sentence(extract):
    text = ("“Why are you still endorsing him?” Obama asked Republican politicians.\u00a0“What does this say about "
            "your party that this is your standard-bearer?”")
    assert [q.speaker for q in extract(text)] == ["Obama", "Obama"]


def test_lead_in_sentence_gives_the_quote_after_it_its_speaker(extract):
    text = ("Iowa State University's Dianne Bystrom agreed. “Mainstream Republicans are running out of time to "
            "find an alternative. At this point, that alternative may be Marco Rubio.”")
    q = one(extract(text))
    assert (q.speaker, q.method, q.cue) == ("Dianne Bystrom", "lead_in", "agreed")


@pytest.mark.parametrize("text, opening, expected", [
    pytest.param("“I think it has been most surprising to see somebody so affable,”Clinton said on Friday.",
                 "I think", {"speaker": "Clinton", "method": "cue_subject"},
                 id="a quote mark glued to the speaker's name is split off"),
    pytest.param("He linked a study that found “crime is lower among immigrants.”“Your facts are wrong,” Ramos wrote.",
                 "Your facts", {"speaker": "Ramos", "cue": "wrote", "kind": "direct"},
                 id="a quotation glued to the one before is a sentence of its own"),
    pytest.param("“I am asking all the presidential candidates to recognize that #wordsmatter,” Vargas wrote on "
                 "Facebook.", "I am asking", {"speaker": "Vargas", "cue": "wrote"},
                 id="the cue is never a verb inside the quote (the parse hangs 'wrote' under 'recognize')"),
    pytest.param("“For a start, his wife has explained that she chose not to speak,” Oliver barked.\n"
                 "“Honestly,” he continued, “we may be on the brink.”", "For a start",
                 {"speaker": "Oliver", "cue": "barked"}, id="a line break after a trailing attribution is no word of it"),
    pytest.param("Last month, when I asked Bernie Sanders if he would ever endorse Hillary Clinton, he looked "
                 "straight into my iPhone camera, furrowed his brow and said, \"I'm gonna endorse YOU!\"", "I'm gonna",
                 {"speaker_mention": "he", "speaker": "Bernie Sanders"},
                 id="a speech verb in a row of verbs shares their subject"),
    pytest.param("Megyn Kelly asked him about it. Donald Trump smiled.\n\n“You know, it happens, right?” Donald "
                 "Trump went on, as if he didn’t hear her.", "You know", {"speaker": "Donald Trump", "cue": "went"},
                 id="a trailing attribution may end in a modifier after a comma"),
    pytest.param("After Jerry Brown criticized Bill Clinton during a debate, Hillary shot back, “I suppose I could "
                 "have stayed home and baked cookies.”", "I suppose", {"speaker_mention": "Hillary", "cue": "shot"},
                 id="a leading clause may open with a scene-setting adverbial"),
    *[pytest.param(f"“Chairman Gowdy tied these statements to the firing of Bradley Podliska,” {reader}.", "Chairman",
                   {"cue": reader.split()[-1], "speaker_mention": reader.rsplit(" ", 1)[0]},
                   id=f"a text that reads is a cue: {reader}")
      for reader in ("the suit reads", "the sign read", "it read")],
    pytest.param("''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack "
                 "that happened today is the work of terrorists.''", "We are not", {"speaker": "Alawee"},
                 id="a sentence with a colon of its own leads in to the next quote, not back"),
    pytest.param("\"Your reputation is amazing,\" Trump assured Jones, after Jones assured Trump that most of his "
                 "listeners supported his candidacy. \"I will not let you down.\"", "I will not",
                 {"speaker": "Trump", "method": "floating"},
                 id="an indirect report later in a direct quote's sentence is an aside to it"),
    pytest.param("The rally came days after Donald Trump's call for “a total and complete shutdown of Muslims "
                 "entering the United States.”", "for “a total",
                 {"speaker": "Donald Trump", "method": "owner", "cue": "call", "kind": "mixed"},
                 id="quoted words in someone's call are theirs"),
    pytest.param("Celebrities applauded the plan. Julianne Moore thanked him for “stepping up and taking action when "
                 "Congress won’t.”", "him for", {"speaker": "Julianne Moore", "kind": "mixed", "cue": "thanked"},
                 id="thanking someone for quoted words reports them"),
    pytest.param("Trump: ‘I’m the Worst Thing That Ever Happened to the Establishment.’\n\nOn Monday at Liberty "
                 "University, Republican front-runner Donald Trump addressed the students. “I know this game,” Trump "
                 "said.", "I’m the Worst", {"speaker": "Donald Trump", "method": "colon_name"},
                 id="a headline's name before a colon, even where the tagger reads a noun"),
    pytest.param("Later in the show, Bill Maher stated that the report “wasn’t good.” Adding, “Now, like with all "
                 "Clinton scandals, what they actually do is never that bad.”", "Now, like",
                 {"speaker": "Bill Maher", "method": "floating"}, id="'Adding,' continues the speaker before"),
    pytest.param("“That is simply false,” Ann Lee fired back.", "That is", {"speaker": "Ann Lee", "cue": "fired"},
                 id="a particle verb with no object reports speech"),
    pytest.param("At one point, Ted Cruz coached Donald Trump to breathe. That prompted Marco Rubio to make a joke "
                 "about yoga and call Trump “very flexible.”", "Trump “very", {"speaker": "Marco Rubio"},
                 id="the object of 'prompted … to' is who speaks"),
    pytest.param("Then there was the radio host Charlie Sykes, who lamented in an interview with the editor Oliver "
                 "Darcy, ''We have spent 20 years demonizing the liberal mainstream media.''", "We have spent",
                 {"speaker": "Charlie Sykes", "cue": "lamented"},
                 id="a speech verb with only where and to whom before the comma introduces the quote"),
    pytest.param("“They know Hillary is the only one strong enough to stop Wall Street abuses,” a voice-over in the "
                 "ad states.", "They know", {"speaker_mention": "a voice-over in the ad", "cue": "states"},
                 id="a speech verb the tagger reads as a plural noun ends a trailing attribution"),
    pytest.param("Trump described the country as beset by illegal immigrants. The crowd chanted back at him, "
                 "“Build the wall.”", "Build the wall", {"speaker_mention": "The crowd", "cue": "chanted"},
                 id="a crowd chanting speaks"),
    pytest.param("Speaking to MSNBC on Monday, Jeb Bush referred to Rubio as “a bright, charismatic leader.”",
                 "to Rubio as", {"speaker": "Jeb Bush", "kind": "mixed"}, id="referring to someone as names them"),
    pytest.param("This spring, Paul Manafort told friends that the candidate knew all about his work for foreign "
                 "leaders and thought the criticism he received for it was a “badge of honor.”", "that the candidate",
                 {"speaker": "Paul Manafort", "kind": "mixed"}, id="a report that quotes some words is mixed"),
])
def test_who_a_quote_hangs_on_in_messy_parses(extract, text, opening, expected):
    q = next(q for q in extract(text) if q.text.startswith(opening))
    assert {field: getattr(q, field) for field in expected} == expected


@pytest.mark.parametrize("text", [
    "“It was truly shameful,” said James Andrew Miller, a co-author of “Those Guys Have All the Fun.”",
    "“People were upset,” said former Rep. George Miller, one of the original “big four” negotiators.",
])
def test_quoted_words_in_the_phrase_naming_the_speaker_are_no_quotation(extract, text):
    q = one(extract(text))
    assert q.text.startswith("It was") or q.text.startswith("People were")


def test_a_new_sentence_after_the_speakers_name_is_still_a_quotation(extract):
    quotes = extract("“I understand disagreeing with him,” said Sen. Lindsey Graham, R-S.C. “I get that. But if he "
                     "continues this he’s really dishonoring that support.”")
    assert any("“I get that." in q.text and q.speaker == "Lindsey Graham" for q in quotes)


def test_two_people_speaking_in_one_gap_make_two_quotes(extract):
    quotes = extract("“Tell her I promised you a picture,” Betsy Ebeling said, and her husband cut in. “Don’t forget "
                     "Betsy’s husband Tom -- I’ve been friends with her since high school.”")
    assert [q.text[:8] for q in quotes] == ["Tell her", "Don’t fo"]
    assert quotes[0].speaker == "Betsy Ebeling" and quotes[1].speaker != "Betsy Ebeling"


@pytest.mark.parametrize("lead", [
    "Or maybe Jeb Bush, digital consultant Phil Musser says.",  # two names: which one spoke?
    "Mary Hale did not agree.",  # a negated verb reports nothing
    "Mary Hale was furious.",  # no speech verb
])
def test_no_lead_in_without_one_clear_speaker_of_a_speech_verb(extract, lead):
    q = one(extract(lead + " “Several surveys suggest a second look is occurring in New Hampshire.”"), "direct")
    assert q.speaker is None and q.method == "none"


def test_reported_clause_before_a_quote_stays_an_indirect_quote(extract):
    text = ("The administration may be reluctant to act while talks continue, Adam Schiff said. “The other "
            "factor the administration may be considering is the cost of acting now.”")
    quotes = extract(text)
    assert one(quotes, "indirect").speaker == "Adam Schiff"
    assert (one(quotes, "direct").speaker, one(quotes, "direct").method) == ("Adam Schiff", "floating")


@pytest.mark.parametrize("text, speaker", [
    ("Mayor Ann Lee issued a statement Tuesday saying the plan was “a disgrace to the city.”", "Ann Lee"),
    ("A statement from the Harbor Authority said the closure was “a precaution, nothing more.”", "Harbor Authority"),
    ("Ann Lee's letter said the budget was “a betrayal of every family in the county.”", "Ann Lee"),
])
def test_a_statement_speaks_for_whoever_issued_it(extract, text, speaker):
    q = one(extract(text))
    assert q.speaker == speaker and q.method == "cue_subject"


def test_the_issuer_of_a_statement_is_found_as_a_cue_subject_would_be(extract):
    text = ("But Mr. Sanders showed no sign of backing down, releasing a statement that, while condemning violence, "
            "accused the party leadership of using “its power to prevent a fair and transparent process.”")
    assert one(extract(text)).speaker == "Sanders"


def test_a_statement_of_two_issuers_names_neither_alone(extract):
    q = one(extract("Ann Lee and Tom Ruiz issued a statement describing the talks as “a very positive step.”"))
    assert q.speaker not in ("Ann Lee", "Tom Ruiz")


def test_parenthetical_cue_inside_a_mixed_quote(extract):
    text = "Farmers, Minister Ruth Aalto said, will get “every cent they were promised” and “a seat at the table.”"
    q = one(extract(text))
    assert q.kind == "mixed" and q.speaker == "Ruth Aalto" and q.cue == "said"
    assert len(q.fragments) == 2 and q.text.startswith("Farmers")


def test_aside_cue_reports_the_whole_clause(extract):
    text = "During the hearing, Judge Mara Kent said, the witnesses came to believe “that the bridge was safe.”"
    q = one(extract(text))
    assert q.speaker == "Mara Kent" and q.cue == "said" and q.text.startswith("the witnesses")


def test_participle_after_a_quote_does_not_take_it(extract):
    text = "In a statement, Nordvik Mining said: “The site was profitable for a decade,” adding that it had paid its debts."
    quotes = extract(text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 1 and direct[0].speaker == "Nordvik Mining" and direct[0].cue == "said"


def test_relative_pronoun_is_the_mention_and_its_antecedent_the_speaker(extract):
    q = one(extract("The plan was backed by Tomas Ek, who said that the vote would pass easily next week."))
    assert q.speaker == "Tomas Ek" and q.speaker_mention == "who"


def test_dateline_does_not_hide_the_subject(extract):
    q = one(extract("OSLO -- Prime Minister Eva Lund, opening the session on Monday, said “the budget is balanced.”"))
    assert q.speaker == "Eva Lund"


def test_show_titles_are_not_quotes(extract):
    quotes = extract("Senator Ida Moss said on CBS’s “Face the Nation” that the bill would pass.")
    assert all("Face the Nation" not in q.text or q.kind == "indirect" for q in quotes)
    assert not [q for q in quotes if q.kind == "direct"]


def test_nested_quotes_with_the_same_marks(extract):
    text = "“I would rather live in what he calls “hell” than live like this,” said Ana Ruiz."
    q = one(extract(text))
    assert q.kind == "direct" and q.speaker == "Ana Ruiz" and q.text.endswith("like this,")


def test_floating_quote_takes_the_previous_speaker(extract):
    text = ("“The mine will stay open,” said Carl Osei, the union leader.\n\n"
            "“Nobody is losing a job this year.”")
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Carl Osei", "Carl Osei"]
    assert quotes[1].method == "floating"


def test_floating_quote_stops_when_someone_else_intervenes(extract):
    text = ("“The mine will stay open,” said Carl Osei.\n\n"
            "Company chief Ruth Adams disagreed sharply with him on Tuesday.\n\n"
            "“Nobody is losing a job this year, and that is a promise.”")
    assert extract(text)[-1].speaker is None


def test_scare_quotes_nicknames_and_titles_are_not_speech(extract):
    assert extract("The boxer, known as “Shorty” to friends, read “The Old Man and the Sea” twice.") == []


def test_unknown_speaker_beats_a_wrong_guess(extract):
    q = one(extract("“The river is rising fast,” a witness said."))
    assert q.speaker is None and q.speaker_mention == "a witness"


def test_credit_lines_are_never_speakers(extract):
    quotes = extract("Photo by Jim Wells/Reuters\n\nThe storm hit the coast on Sunday night.")
    assert all(q.speaker != "Jim Wells" for q in quotes)


def test_offsets_point_into_the_text(extract):
    text = "Minister Ivo Mayer said, “Trains will run on time.” He added that fares would fall."
    for q in extract(text):
        assert text[q.start:q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_mention


WORDS = st.sampled_from(["he", "said", "“", "”", '"', "'", "‘", "’", "Trump", "the", "minister", ",", ".",
                         "\n\n", "according", "to", "that", "we", "will", "win", ":", "—", "Ana", "Silva"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_extractor_never_raises_and_spans_stay_inside(extract, text):
    for q in extract(text):
        assert 0 <= q.start <= q.end <= len(text) and text[q.start:q.end] == q.text
        for s, e in (q.segments or []) + (q.fragments or []):
            assert q.start <= s <= e <= q.end


@pytest.mark.parametrize("coref", ["window", "document", "off"])
def test_coref_modes_all_work(nlp, coref):
    from quotes.extract import ExtractOptions, extract_text

    text = "Judge Maya Ortiz opened the hearing.\n\n“Order in the court,” she said."
    q = one(extract_text(text, nlp, ExtractOptions(coref=coref)), "direct")
    assert q.speaker == "Maya Ortiz"


def test_question_quote_with_said_after_it(extract):
    text = "Mayor Jo Lind spoke on Friday.\n“Why did nobody warn us?” Lind said. “We had a right to know.”"
    quotes = extract(text)
    assert [q.speaker for q in quotes] == ["Jo Lind", "Jo Lind"]


def test_name_after_a_dash_is_the_speaker(extract):
    text = "Readers wrote in.\n“The debate changed my mind about the whole race.” ― Maria Ortega, a teacher"
    q = one(extract(text))
    assert (q.speaker, q.role, q.method) == ("Maria Ortega", "a teacher", "dash_name")


def test_several_quoted_pieces_of_one_clause_are_one_mixed_quote(extract):
    text = 'Senator Ann Kerr called the plan a "reckless gamble" and a "gift to lobbyists" on Monday.'
    q = one(extract(text))
    assert q.kind == "mixed" and q.speaker == "Ann Kerr"
    assert [text[s:e] for s, e in q.fragments] == ["reckless gamble", "gift to lobbyists"]


def test_naming_verb_makes_a_mixed_quote(extract):
    text = "Governor Raul Mendez described the storm as “the worst in a century” on Sunday."
    q = one(extract(text))
    assert q.kind == "mixed" and q.text.startswith("the storm as") and q.speaker == "Raul Mendez"


def test_a_noun_is_not_a_cue(extract):
    text = "Ana Reyes said the senator's late-night tweets about the vote were “a disgrace to the chamber.”"
    q = one(extract(text))
    assert q.cue == "said" and q.speaker == "Ana Reyes"


def test_appositive_in_the_attribution_does_not_stop_the_next_quote(extract):
    text = ("“We start Monday,” said Lea Stone, a senior aide to Governor Paul Hart of the northern province. "
            "“The crews are ready.”\n")
    assert [q.speaker for q in extract(text)] == ["Lea Stone", "Lea Stone"]


def test_participle_after_a_name_is_that_person_speaking(extract):
    text = "The ad shows Senator Mia Park asking, “Why are we still waiting for this bridge?”"
    assert one(extract(text)).speaker == "Mia Park"


def test_a_verb_inside_the_quoted_clause_is_not_its_cue(extract):
    text = "Mayor Rita Vance mocked the plan, saying anybody who complains about traffic “is not paying attention.”"
    q = one(extract(text))
    assert q.kind == "mixed" and q.cue == "saying" and q.speaker == "Rita Vance"
    assert q.text.startswith("anybody who complains")


def test_parenthetical_cue_inside_reported_speech(extract):
    text = "Ada Cole toured the site.\n\nThe old school, Ms. Cole said, would become a library."
    q = one(extract(text), "indirect")
    assert q.speaker == "Ada Cole" and q.text.startswith("The old school") and "library" in q.text


def test_a_document_that_reads(extract):
    q = one(extract("“We see hope for our children,” the letter reads."))
    assert q.cue == "reads" and q.speaker_mention == "the letter"


def test_mixed_span_starts_at_what_was_said(extract):
    text = "Senator Ann Kerr told reporters on Monday that the deal was “dead on arrival” in the Senate."
    q = one(extract(text))
    assert q.kind == "mixed" and q.text.startswith("that the deal")


def test_parenthetical_indirect_quote_has_two_segments(extract):
    text = "The new bridge, Mayor Tove Lind said, will open to traffic before the winter storms arrive."
    q = one(extract(text))
    assert q.kind == "indirect" and q.speaker == "Tove Lind"
    assert [text[s:e] for s, e in q.segments] == ["The new bridge", "will open to traffic before the winter storms arrive."]


def test_trailing_relative_clause_is_not_reported_content(extract):
    text = "Dr. Omar Haddad said he expects the senator to recover from pneumonia, which kept her from the vote."
    q = one(extract(text))
    assert q.text == "he expects the senator to recover from pneumonia"


def test_noun_phrase_content_is_a_low_confidence_indirect_quote(extract):
    text = "Governor Ines Marsh called for the complete repeal of the state sales tax."
    q = one(extract(text))
    assert q.kind == "indirect" and q.speaker == "Ines Marsh" and q.text == "the complete repeal of the state sales tax"
    clause = one(extract("Governor Ines Marsh said that the state sales tax should be repealed completely."))
    direct = one(extract("“The state sales tax must go,” Governor Ines Marsh said."))
    assert q.confidence < clause.confidence < direct.confidence


def test_confidence_is_the_packaged_calibration_applied_to_the_rule_score(extract, nlp):
    from quotes.calibration import features, load_model, probability
    from quotes.extract import ExtractOptions, extract_text

    text = "“We will not raise fares this year,” he said. Transit chief Dana Roe spoke on Monday."
    calibrated = extract(text)
    raw = extract_text(text, nlp, ExtractOptions(calibrate=False))
    assert [q.text for q in calibrated] == [q.text for q in raw]
    for c, r in zip(calibrated, raw):
        assert 0.0 <= c.confidence <= 1.0
        assert c.confidence == probability(r)
    assert load_model()["version"] and features(raw[0])["score"] == raw[0].confidence


def test_intention_and_directive_content(extract):
    quotes = extract("Senator Paula Reyes vowed to block the pipeline permit in committee. "
                     "Her rival Tim Cole urged supporters to monitor the polling places on Tuesday.")
    texts = {q.speaker: q.text for q in quotes}
    assert texts["Paula Reyes"] == "to block the pipeline permit in committee"
    assert texts["Tim Cole"] == "supporters to monitor the polling places on Tuesday"


def test_passive_stance_verb_has_no_source(extract):
    assert extract("The mayor was criticized for the slow response to the flooding downtown.") == []


def test_floating_quote_after_an_indirect_report(extract):
    text = ("The council may delay the vote until spring, Councillor Ada Brook said. "
            "“Nobody wants to rush a decision this large.”")
    quotes = extract(text)
    floating = [q for q in quotes if q.kind == "direct"]
    assert len(floating) == 1 and floating[0].speaker == "Ada Brook" and floating[0].method == "floating"


def test_participle_cue_takes_the_sentence_subject(extract):
    text = ("Senator Lars Vik defended the deal on Tuesday and, when pressed by reporters, kept going, "
            "insisting, “We negotiated the best terms anyone could get.”")
    q = [q for q in extract(text) if q.kind == "direct"][0]
    assert q.speaker == "Lars Vik"


def test_pronoun_takes_the_subject_past_a_possessive(extract):
    text = "Ana Gomez said she admired Ms. Okafor’s courage through what she calls “a war of words.”"
    quotes = [q for q in extract(text) if "war of words" in q.text]
    assert quotes and all(q.speaker == "Ana Gomez" for q in quotes)


def test_pronoun_after_an_object_is_not_given_to_the_subject(extract):
    q = [q for q in extract("Mia Holt pressed Paul Crane until he said, “I was wrong about the numbers.”")
         if q.kind == "direct"][0]
    assert q.speaker != "Mia Holt"


def test_quote_inside_a_clause_before_its_cue_is_mixed(extract):
    text = "A driver who “skips a single inspection” loses the licence, Commissioner Rosa Lindqvist said."
    q = one(extract(text))
    assert q.kind == "mixed" and q.speaker == "Rosa Lindqvist"
    assert q.text.startswith("A driver who") and q.fragments


def test_setting_before_a_quote_keeps_it_direct(extract):
    q = one(extract("In an interview, “the market is broken,” Paolo Ferri said."))
    assert q.kind == "direct" and q.speaker == "Paolo Ferri"


def test_transcript_lines_name_their_speakers(extract):
    text = ("Host Dana Wells spoke with Senator Omar Reyes on Sunday.\n\n"
            "\"WELLS: Will the bill pass this week?\n\n"
            "\"REYES: Well, look, my colleagues think this is an episode of “Survivor.” It is not.\n\n"
            "\"(CROSSTALK.)\n\n"
            "\"REYES: And that is why it will pass.\"\n")
    quotes = extract(text)
    assert [(q.speaker, q.method) for q in quotes] == [("Dana Wells", "transcript"), ("Omar Reyes", "transcript"),
                                                       ("Omar Reyes", "transcript")]
    assert quotes[1].text.endswith("It is not.") and "“Survivor.”" in quotes[1].text


def test_a_list_of_quoted_phrases_is_one_record(extract):
    text = ("Mayor Ken Ito went on about “a broken system,” and “forgotten families” and “our own neighbours,” "
            "Ana Ruiz said.")
    direct = [q for q in extract(text) if "broken system" in q.text]
    assert len(direct) == 1 and "our own neighbours" in direct[0].text and not direct[0].segments


def test_nickname_inside_a_name_is_not_a_quote(extract):
    assert not [q for q in extract("State Del. Marcia “Cia” Price shouted to the crowd that it was a big year.")
                if q.kind == "direct"]


def test_naming_verb_span_runs_from_what_to_the_end_of_the_phrase(extract):
    q = one(extract("Secretary General Ban Ki-moon condemned what he called a “brazen breach” of U.N. resolutions."))
    assert q.kind == "mixed" and q.text == "what he called a “brazen breach” of U.N. resolutions"
    assert q.speaker == "Ban Ki-moon"


def test_according_to_around_a_quoted_word_is_mixed(extract):
    q = one(extract("According to radio host Rita Lamb, the plan smells of “panic” and haste."))
    assert q.kind == "mixed" and q.speaker == "Rita Lamb" and q.text.startswith("the plan smells")


def test_description_with_a_name_in_apposition_gives_the_role(extract):
    q = one(extract("Lindqvist's deputy, Anna Kowalski, said the strike could still be called off next week."))
    assert q.speaker == "Anna Kowalski" and q.role == "Lindqvist's deputy"


def test_cue_in_the_next_sentence_after_an_exclamation(extract):
    text = ("“This is a big year for our city!” The mayor's sister, state Delegate Nora Quinn of the third "
            "district, shouted to the crowd.")
    q = one(extract(text))
    assert q.cue == "shouted" and q.speaker == "Nora Quinn"


def test_floating_quote_keeps_an_unresolved_mention(extract):
    text = ("“That was outrageous,” a former campaign strategist said in an interview.\n\n"
            "“He really should apologize for it.”")
    quotes = extract(text)
    assert [q.speaker_mention for q in quotes] == ["a former campaign strategist"] * 2
    assert all(q.speaker is None for q in quotes) and quotes[1].method == "floating"


def test_negated_speech_verb_does_not_interrupt_a_speaker(extract):
    text = ("“We have had problems before,” Mayor Ken Ito said. He did not suggest a response. "
            "“Our goal is to set some rules everybody follows.”")
    assert [q.speaker for q in extract(text)] == ["Ken Ito", "Ken Ito"]


def test_a_generational_suffix_is_not_the_surname(extract):
    quotes = extract("Martin Luther King Jr. spoke first. “We cannot walk alone,” King said. "
                     "Donald Trump Jr. arrived later. “I am not my father,” Trump Jr. said.")
    speakers = {q.text.strip(",. "): q.speaker for q in quotes}
    assert speakers["We cannot walk alone"] == "Martin Luther King Jr."
    assert speakers["I am not my father"] == "Donald Trump Jr."


def test_a_short_trailing_clause_is_the_attribution_whatever_its_verb(extract):
    quotes = extract("Senator Ada Vance spoke after the vote. “That bill is dead on arrival,” Vance shot back. "
                     "“Not while I am here!” an angry Ivo Brandt retaliated.")
    speakers = {q.text.strip(",.!"): (q.speaker, q.cue) for q in quotes}
    assert speakers["That bill is dead on arrival"] == ("Ada Vance", "shot")
    assert speakers["Not while I am here"] == ("Ivo Brandt", "retaliated")
    # a clause that goes on is narration, not an attribution
    assert not any(q.cue == "walked" for q in extract("“We will see,” she walked to the car and drove off to the city."))


def test_a_quote_paragraph_after_an_introduction_is_the_introduced_person(extract):
    text = ("The shop sits on Main Street.\n\nAlfonso Espinos opened the shop in 2015.\n\n"
            "“Nobody starts out selling 50,000 copies. You build it one reader at a time.”\n\n"
            "“If you want Marvel, you can go to another comic book shop.”\n")
    assert [(q.speaker, q.method) for q in extract(text)] == [
        ("Alfonso Espinos", "introduced"), ("Alfonso Espinos", "floating")]
    two = text.replace("opened the shop", "and Rita Moss opened the shop")
    assert all(q.speaker is None for q in extract(two))  # two people introduced: nobody


def test_coreference_windows_cut_from_blocks_match_windows_cut_from_the_document(nlp):
    """A long document takes its coreferee windows from copied blocks; the antecedents must be the same."""
    import quotes.coref as coref
    from quotes.paragraphs import parse_text

    text = ("Mayor Ana Silva opened the new bridge on Monday. She said the work had taken four years. "
            "The contractor, Northern Lines, praised the crews. It said they had worked through two winters.\n\n")
    doc = parse_text(nlp, text * 6)
    pronouns = [t for t in doc if t.lower_ in ("she", "it", "they")]
    blocked = coref.CorefResolver(doc, block_tokens=40)
    whole = coref.CorefResolver(doc, block_tokens=len(doc) + 1)
    found = [([a.i for a in blocked.antecedents(p)], [a.i for a in whole.antecedents(p)]) for p in pronouns]
    assert all(a == b for a, b in found) and any(a for a, _ in found)
    assert blocked.blocks > 1 and whole.blocks == 0


def test_a_first_name_alone_is_the_one_person_with_that_first_name(extract):
    quotes = extract("Marisol Quintero runs the bakery with her brother Tomas Quintero.\n\n"
                     "“We bake at four every morning,” Marisol said.\n\n"
                     "Ruth Adams and Ruth Fenwick were regulars. “Best bread in town,” Ruth said.")
    speakers = {q.text.strip(",. "): q.speaker for q in quotes}
    assert speakers["We bake at four every morning"] == "Marisol Quintero"
    assert speakers["Best bread in town"] != "Ruth Adams" and speakers["Best bread in town"] != "Ruth Fenwick"


def test_answers_of_a_printed_interview_are_the_interviewees(extract):
    quotes = extract("Ana Silva, the mayor of Riverton, spoke to reporter Tom Reed on Monday. Silva has led the "
                     "city since 2019.\n\nQ: Why did you back the bridge?\n\nA: Because the city needs it.\n\n"
                     "Q: What about the cost?\n\nA: It is paid for.")
    assert [(q.text, q.speaker, q.method) for q in quotes] == [
        ("Because the city needs it.", "Ana Silva", "interview"), ("It is paid for.", "Ana Silva", "interview")]


def test_transcript_lines_without_quote_marks(extract):
    quotes = extract("Host Dana Wells spoke with Senator Omar Reyes on Sunday.\n\n"
                     "WELLS: Will the bill pass this week?\n\n"
                     "REYES: Well, look, my colleagues think this is an episode of “Survivor.” It is not.\n\n"
                     "REYES: And that is why it will pass.")
    assert [q.speaker for q in quotes] == ["Dana Wells", "Omar Reyes", "Omar Reyes"]
    assert {q.method for q in quotes} == {"transcript"}


def test_a_label_that_names_nobody_once_is_a_heading(extract):
    assert extract("UPDATE: The vote was moved to Friday.\n\nNOTE: The council met on Monday.") == []


@pytest.mark.parametrize("text, quoted", [
    ("When asked which Iowa county was his favorite, Rubio demurred: “Whichever one I’m in at the moment.”",
     "Whichever one I’m in at the moment."),
    ("Neither man was impressed by Mrs. Clinton – “Born with a silver spoon in her mouth,” Mr. Elkins said – but "
     "they could not back Mr. Trump.", "Born with a silver spoon in her mouth,"),
])
def test_a_quotation_opening_with_a_capital_after_a_colon_or_dash_is_direct(extract, text, quoted):
    (quote,) = extract(text)
    assert (quote.kind, quote.text) == ("direct", quoted)


@pytest.mark.parametrize("text, said", [
    # an apposition the reporter adds after the paraphrase is not what was said
    ("Donald Trump said the person would “not get beat up” at his rally, a swipe at the recent disturbances at "
     "other rallies.", "the person would “not get beat up” at his rally"),
    # nor a clause of the reporter's own with its own subject
    ("Cruz said he'd make sand \"glow in the dark,\" for instance, and Trump vowed to bomb the Islamic State.",
     "he'd make sand \"glow in the dark,\" for instance"),
    # the comma that closes the quoted words may sit inside the marks
    ("Cruz knocked Rubio on trade and called him a \"moderate,\" a subtle dig at a candidate who came into office "
     "as a tea party darling.", "him a \"moderate,\""),
    # nor somebody else's report set beside it with "while"; a "while" of time is still what was said
    ("Hillary Clinton accuses Bernie Sanders of subjecting her to an “artful smear” regarding her Wall Street links "
     "while Sanders suggests she is a captive of the establishment.",
     "Bernie Sanders of subjecting her to an “artful smear” regarding her Wall Street links"),
    ("McCrory said it would be “improper” to release the video while the investigation is ongoing.",
     "it would be “improper” to release the video while the investigation is ongoing"),
    # nor a second report on a speech verb of the speaker's own, which is a record of its own
    ("The mayor says that the regional broadcaster “takes its marching orders” from the council, and asserts that "
     "the council is “killing us.”", "that the regional broadcaster “takes its marching orders” from the council"),
    ("The auditor found that the board had been “grossly negligent” with the grant, but did not recommend that "
     "anyone be charged.", "that the board had been “grossly negligent” with the grant"),
    # a second reported clause is still what was said
    ("Comey said any “reasonable person” should have known what was classified, and that the emails were even "
     "less secure.", "any “reasonable person” should have known what was classified, and that the emails were "
     "even less secure"),
])
def test_a_mixed_quote_ends_where_the_reporter_adds_something_of_their_own(extract, text, said):
    assert extract(text)[0].text == said


def test_a_coordinated_report_keeps_its_own_quotation(extract):
    quotes = extract("The mayor says that the regional broadcaster “takes its marching orders” from the council, "
                     "and asserts that the council is “killing us.”")
    assert [(q.cue, q.text) for q in quotes] == [
        ("says", "that the regional broadcaster “takes its marching orders” from the council"),
        ("asserts", "that the council is “killing us.”")]


@pytest.mark.parametrize("text, said", [
    ("Money matters less now. In this election, “resources don't necessarily mean they'll resonate with voters,” "
     "he said.", "In this election, “resources don't necessarily mean they'll resonate with voters,”"),
    ("Unless further rivals quit the race soon, “it's very difficult to see how he is stopped,” the strategist "
     "said.", "Unless further rivals quit the race soon, “it's very difficult to see how he is stopped,”"),
])
def test_words_a_quotation_goes_on_from_in_lower_case_are_part_of_it(extract, text, said):
    quote = one(extract(text))
    assert (quote.kind, quote.text) == ("mixed", said)


@pytest.mark.parametrize("text", [
    "In an interview, “we are going to win this state by a lot,” he said.",  # where it was said
    "She took her phone everywhere she went, “sending and receiving work emails at all hours.”",  # the reporter's
    "As a phone rang, “it's three in the morning and your children are asleep,” the announcer said.",  # a scene
])
def test_words_about_the_occasion_before_a_quotation_are_not_part_of_it(extract, text):
    quote = one(extract(text))
    assert quote.kind == "direct" and quote.text[0].islower()


def test_an_aside_the_parser_hung_on_an_auxiliary_still_splits_the_statement(extract):
    quote = one(extract("The agency released its figures on Monday. Cost estimates, he added, were “based on a "
                        "prototype design that has since changed.”"))
    assert quote.kind == "mixed"
    assert [quote.text[a - quote.start : b - quote.start] for a, b in quote.segments] == [
        "Cost estimates", "were “based on a prototype design that has since changed.”"]


@pytest.mark.parametrize("text, said", [
    ("Michael Murphy said she must focus on voters who are in what he called a “revolutionary mood.”",
     "she must focus on voters who are in what he called a “revolutionary mood.”"),
    ("Professor Ann Lee notes that free speech comes with the limitation that you can’t yell “fire” in a theater.",
     "that free speech comes with the limitation that you can’t yell “fire” in a theater"),
])
def test_quoted_words_deep_in_what_somebody_said_are_part_of_their_statement(extract, text, said):
    quote = one(extract(text), "mixed")
    assert quote.text == said and quote.cue in ("said", "notes")


def test_a_cue_in_the_subject_of_a_report_keeps_its_own_quotation(extract):
    quote = one(extract("Hillary Clinton said the plan, which he called “a total disaster,” would pass."), "mixed")
    assert quote.cue == "called"


@pytest.mark.parametrize("text, said", [
    ("Senator Ann Whitfield thinks the tax should now be a “red line” for her party.",
     "the tax should now be a “red line” for her party"),
    ("Governor Paul Dent expects the council to spend its reserve on “shiny toys” before the vote.",
     "the council to spend its reserve on “shiny toys” before the vote"),
])
def test_a_short_quoted_phrase_inside_what_somebody_thinks_is_their_mixed_quote(extract, text, said):
    quote = one(extract(text))
    assert (quote.kind, quote.text) == ("mixed", said)


def test_a_short_quoted_phrase_without_a_reported_clause_is_no_quote(extract):
    assert extract("The mayor’s dog, known as “Shorty”, ran across the square.") == []


def test_a_report_around_a_short_quoted_phrase_keeps_its_own_extent(extract):
    text = ("Mr. Lowe told a radio host this week he would consider it a “personal betrayal” if the council did "
            "not fund the library.")
    quote = one(extract(text))
    assert (quote.kind, quote.speaker, quote.cue) == ("mixed", "Lowe", "told")
    assert quote.text.endswith("he would consider it a “personal betrayal” if the council did not fund the library")


@pytest.mark.parametrize("text, first", [
    ("The mayor said he found the architect “very clever” and called the budget for the bridge “a total mess.”",
     "he found the architect “very clever”"),
    ("Ms. Ortiz told the board that the contract was “a bad deal” and questioning how the firm had “gotten away "
     "with it.”", "that the contract was “a bad deal”"),
    ("The governor said the ruling had “kept us safe” on Monday before claiming that the courts are “tearing "
     "families apart.”", "the ruling had “kept us safe” on Monday"),
    ("The candidate said she wanted to speak “directly to young voters” and let them know that “this is not who "
     "we are.”", "she wanted to speak “directly to young voters”"),
    # a quotation inside a mixed quote on the same cue is a fragment of it, not a record of its own
    ("“Working families” are “not asking for handouts,” the senator said.",
     "Working families” are “not asking for handouts,"),
])
def test_no_two_records_hold_the_same_words(extract, text, first):
    quotes = extract(text)
    assert quotes[0].text == first
    assert all(a.end <= b.start for a, b in zip(quotes, quotes[1:])), [q.text for q in quotes]


def test_a_short_quoted_term_inside_a_noun_phrase_is_no_quote(extract):
    assert extract("Party leaders embraced a broad overhaul, as the “autopsy” recommended.") == []


@pytest.mark.parametrize("text, said", [
    ("Asked about the deal, the mayor said “Never.”", "Never."),
    ("Asked who would win, Mr. Fox answered: “Denver.”", "Denver."),
])
def test_a_short_remark_somebody_makes_is_a_quote(extract, text, said):
    assert one(extract(text), "direct").text == said


def test_an_as_clause_with_an_object_of_its_own_is_a_time_not_a_source(extract):
    quote = one(extract("As the senator attacked the governor, the crowd chanted, “Recall him now!”"))
    assert (quote.kind, quote.cue, quote.text) == ("direct", "chanted", "Recall him now!")


def test_an_as_clause_that_reports_is_still_the_source(extract):
    quote = one(extract("As Mayor Ruth Stein put it, the budget is “a house of cards.”"))
    assert quote.speaker == "Ruth Stein"


@pytest.mark.parametrize("between", [" ", "\n\n"])
def test_a_short_sentence_after_a_quote_continues_its_speaker(extract, between):
    quotes = extract("“Does anyone here know what is in this bill?” Gov. Tom Reyes asked the committee." + between
                     + "“Nobody does.”")
    assert [(q.text, q.speaker, q.method) for q in quotes][1] == ("Nobody does.", "Tom Reyes", "floating")


def test_a_short_quoted_word_ending_a_sentence_is_not_a_sentence_of_its_own(extract):
    assert extract("Voters here want “something new.”\n\nThe polls open at eight.") == []


def test_a_speaker_who_told_reporters_that_reports_both_that_clauses(extract):
    quote = one(extract("Senator Ann Reyes told reporters that she had spoken to the governor and that “I think we "
                        "will see a deal by Friday.”"))
    assert (quote.kind, quote.cue, quote.speaker) == ("mixed", "told", "Ann Reyes")
    assert quote.text.startswith("that she had spoken to the governor and that “I think")


def test_a_quote_in_a_clause_beside_the_main_one_hangs_on_its_own_speech_verb(extract):
    quotes = extract("Although Dan Hale admitted that they had “talked a few times,” he claimed they never met.")
    assert [(q.kind, q.cue, q.text) for q in quotes][0] == ("mixed", "admitted", "that they had “talked a few times,”")


@pytest.mark.parametrize("text, ending", [
    ("Ms. Park said the plan was “reckless” because it would raise rents for families.", "rents for families"),
    ("The senator told a rally in Ohio on Monday that the tariff is “peanuts,” compared to what families pay for "
     "fuel.", "what families pay for fuel"),
])
def test_the_speakers_own_reasoning_after_the_quoted_words_is_part_of_what_was_said(extract, text, ending):
    assert one(extract(text), "mixed").text.endswith(ending)


def test_what_somebody_called_a_thing_inside_a_report_is_their_own_report(extract):
    quotes = extract("Governor Ruth Lee said the audit had exposed the ferry contract, which she called “a shambles.”")
    assert [(q.kind, q.cue) for q in quotes] == [("indirect", "said"), ("mixed", "called")]
    assert quotes[1].speaker == "Ruth Lee"


HEADLINED = ("Mayor calls stadium plan ‘reckless’\n\nMayor Dana Cole on Monday called the stadium plan “reckless and "
             "rushed,” and said she would veto it.")


def test_quoted_words_in_the_stated_title_are_the_headlines_report(extract):
    quotes = extract(HEADLINED, title="Mayor calls stadium plan ‘reckless’")
    headline, body = quotes[0], quotes[1]
    assert (headline.kind, headline.hidden) == ("indirect", "headline")
    assert (body.kind, body.speaker, body.hidden) == ("mixed", "Dana Cole", None)


def test_without_a_stated_title_the_first_line_is_text_like_any_other(extract):
    assert [q.kind for q in extract(HEADLINED)][0] == "mixed"
