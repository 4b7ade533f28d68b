"""Who said it: attribution failure classes, each on sentences invented for these tests (entities
found by the entities step, as in the pipeline)."""

from __future__ import annotations

from newsprism.analyze.entities import extract
from newsprism.analyze.quotes import find_quotes
from newsprism.analyze.sentences import split
from newsprism.records import Article, Entity, Quote


def analyse(text: str) -> tuple[list[Quote], list[Entity]]:
    sents = split(text)
    ents = extract(Article(id="t", source="t", text=text), sents)
    return find_quotes(text, sents, ents), ents


def speaker_of(text: str, snippet: str) -> str | None:
    quotes, _ = analyse(text)
    hits = [q for q in quotes if snippet in q.text]
    assert hits, f"no quote holds {snippet!r}: {[q.text for q in quotes]}"
    return hits[0].speaker


def test_accusation_credits_the_accuser() -> None:
    text = ('Senator Mary Coldwell argued that Mr. Brandt had misled the panel and accused Mr. Brandt '
            'of being "a shameless liar."')
    assert speaker_of(text, "shameless liar") == "Mary Coldwell"


def test_accusing_participle_credits_the_subject() -> None:
    text = 'Mayor Ines Ortega wrote to the board on Monday, accusing Kevin Platt of "wasting public money."'
    assert speaker_of(text, "wasting public money") == "Ines Ortega"


def test_critic_demand_belongs_to_the_critic() -> None:
    text = ('Paul Ruiz declined to comment. "Ruiz needs to apologize to every family," Dana Whitfield, '
            "a longtime critic of the council, said.")
    assert speaker_of(text, "needs to apologize") == "Dana Whitfield"
    text = 'Governor Tom Elkins said the mayor "needs to apologize to every family in this city."'
    assert speaker_of(text, "needs to apologize") == "Tom Elkins"


def test_he_said_after_another_speaker_keeps_gender() -> None:
    text = ('Governor Ann Tull spoke first. "We will rebuild," Tull said. Her deputy, Mark Ode, nodded. '
            '"Every road will reopen," she said.')
    assert speaker_of(text, "Every road") == "Ann Tull"


def test_she_says_goes_to_the_subject_of_the_previous_sentence() -> None:
    text = ('Aide Laura Pike said the senator would respond later.\n\n'
            'Senator Joan Marsh is calling the remark "reckless." She says the plan is "dangerous."')
    assert speaker_of(text, "the plan is") == "Joan Marsh"


def test_coordinated_speech_verbs_share_their_subject() -> None:
    text = "Minister Olga Brandt said she was unhappy with the meeting and said the envoys had ignored her."
    assert speaker_of(text, "envoys had ignored") == "Olga Brandt"


def test_outlet_is_an_organisation_and_not_a_speaker() -> None:
    text = ("The Daily Courier reported that the mayor had resigned. The Courier said the decision "
            "followed weeks of pressure.")
    quotes, ents = analyse(text)
    assert {e.type for e in ents if "Courier" in e.text} == {"ORG"}
    assert quotes and all(q.speaker is None for q in quotes)


def test_bare_documents_name_no_speaker() -> None:
    assert speaker_of("A statement on the website says the plant will close within a month.",
                      "plant will close") is None
    assert speaker_of("A Harbor Authority statement said the port would reopen on Friday.",
                      "port would reopen") == "Harbor Authority"
    assert speaker_of("The survey found most drivers wanted cheaper fuel and better roads.",
                      "cheaper fuel") == "Survey"  # a survey is the source of its findings


def test_according_to_a_person_with_a_lower_case_title() -> None:
    assert speaker_of("The strike will continue into next week, according to union leader Frank Dolan.",
                      "strike will continue") == "Frank Dolan"


def test_spokesman_speaks_for_the_organisation() -> None:
    assert speaker_of("Acme Corp's spokesman said the plant would close in the spring.",
                      "plant would close") == "Acme Corp"


def test_in_a_statement_x_said() -> None:
    assert speaker_of("In a statement, the Harbor Authority said the port would reopen on Friday.",
                      "port would reopen") == "Harbor Authority"


def test_relative_clause_does_not_steal_the_speaker() -> None:
    text = ("Nora Quill, a spokeswoman for the Tidewater Growers Union, which represents farmers, "
            "said prices had fallen for a third year.")
    assert speaker_of(text, "prices had fallen") == "Nora Quill"
    text = ("Lena Hart, 61, of Dover, Del., who watched the parade from the Green, said the day "
            "brought back old memories.")
    assert speaker_of(text, "brought back") == "Lena Hart"


def test_fragments_are_never_speakers() -> None:
    quotes, _ = analyse("The drills began on Monday. Drills show the army is ready for a long war. "
                        "Comment by the board said the rules were new.")
    assert all(q.speaker not in ("Drills", "Comment by", "Comment") for q in quotes)


def test_transcript_lines() -> None:
    text = ("The senator was interviewed on Sunday by host Kay Morrow.\n\n"
            "MORROW: Will you run again?\nBLAKE: I have not decided yet. My family comes first.\n"
            "MORROW: Is that a no?")
    quotes, _ = analyse(text)
    got = [(q.speaker, q.kind, q.text) for q in quotes]
    assert ("Blake", "direct", "I have not decided yet. My family comes first.") in got
    assert ("Kay Morrow", "direct", "Will you run again?") in got


def test_labels_and_datelines_are_not_transcript_speakers() -> None:
    quotes, _ = analyse("UPDATE: The road has reopened.\nWASHINGTON: Officials met on Monday.")
    assert quotes == []


def test_name_after_the_verb_opening_a_clause_is_not_the_speaker() -> None:
    text = "Former union boss Carl Brody died in prison. His lawyer said Brody had been ill for years."
    assert speaker_of(text, "had been ill") is None


def test_said_nothing_reports_no_words() -> None:
    quotes, _ = analyse("Mayor Ada Finch was booed on Tuesday. Finch said nothing as the crowd left the hall.")
    assert not [q for q in quotes if "crowd left" in q.text]


def test_surname_used_alone_makes_the_full_name_a_person() -> None:
    _, ents = analyse("Sect leader Orrin Blayde was convicted on Thursday. Blayde said he would appeal.")
    assert {e.canonical for e in ents if e.type == "PERSON" and e.text != "he"} == {"Orrin Blayde"}


def test_abbreviated_title_before_the_speaker() -> None:
    assert speaker_of('"He will answer for this," said Dist. Atty. Mona Keel.', "answer for this") == "Mona Keel"


def test_organisation_with_and_in_its_name_is_one_organisation() -> None:
    _, ents = analyse("A spokesman for the Coastal Fishing and Rescue Agency said the boats were back.")
    assert [e.text for e in ents if e.type == "ORG"] == ["Coastal Fishing and Rescue Agency"]


def test_outlet_reporting_a_statement_does_not_take_it_over() -> None:
    quotes, _ = analyse("The bakery said it was shocked by the fire, the Valley Courier reported.")
    got = [(q.speaker_text, q.text) for q in quotes]
    assert ("The bakery", "it was shocked by the fire") in got
    assert all("Courier" not in (t or "") for t, _ in got)


def test_he_said_after_a_fronted_appositive_subject() -> None:
    text = ('"We are all shocked by this," Prime Minister Alex Dorn said.\n'
            "A professor of history at the city university, Ivo Marek, did not go to work today.\n"
            "But he rode his bicycle into the centre to see the damage.\n"
            '"What I saw was a battlefield after the troops had left," he said.')
    assert speaker_of(text, "battlefield") == "Ivo Marek"


def test_the_company_said_is_the_company_last_named() -> None:
    text = ("Brantley Motors Corp. recalled 4,000 trucks on Monday. The company said no one had been hurt, "
            "the Valley Courier reported.")
    assert speaker_of(text, "no one had been hurt") == "Brantley Motors Corp."


def test_capitalised_role_noun_is_the_person_holding_it() -> None:
    text = ("Police Commissioner Carl Renner arrived at noon. The Commissioner says the training "
            "program will grow next year.")
    assert speaker_of(text, "training program") == "Carl Renner"


def test_unknown_surname_before_said_is_a_speaker() -> None:
    assert speaker_of("McTavish said the council had ignored the warnings for years.",
                      "ignored the warnings") == "McTavish"


def test_someones_relative_or_aide_is_unnamed_but_kept() -> None:
    quotes, _ = analyse('"That was a disgrace," the mayor\'s former campaign manager said in an interview.')
    assert [(q.speaker, q.speaker_text) for q in quotes] == [(None, "the mayor's former campaign manager")]


def test_evidence_verb_inside_reported_content_is_no_speech() -> None:
    quotes, _ = analyse("Tamsin Reed said Harlow doesn't show any sign of changing course.")
    assert [q.speaker for q in quotes] == ["Tamsin Reed"]


def test_quote_written_one_sentence_per_line() -> None:
    text = ('The widow wept during the hearing.\n"He did nothing wrong.\nHe never hurt anyone, " '
            "Mara Quist said.\nHer son sat nearby.")
    quotes, _ = analyse(text)
    assert [(q.speaker, q.kind) for q in quotes] == [("Mara Quist", "direct")]
    assert quotes[0].text.startswith("He did nothing wrong.") and quotes[0].text.endswith("hurt anyone")


def test_unclosed_quote_before_a_new_quote_still_stops_at_the_line() -> None:
    quotes, _ = analyse('Ron Paley wrote "we are done.\nLater Ann Vey said, "No, we are not," and left.')
    assert any(q.text == "No, we are not" and q.speaker == "Ann Vey" for q in quotes)


def test_person_from_an_organisation_is_the_speaker() -> None:
    text = "Carl Dunne from the Coastal Relief and Works Agency said an inquiry found no fighters at the school."
    assert speaker_of(text, "inquiry found") == "Carl Dunne"


def test_abbreviated_rank_between_quote_and_speaker() -> None:
    text = '"A man came in and shot another man," Metro police Const. Tim Harlan told a news conference.'
    assert speaker_of(text, "shot another man") == "Tim Harlan"


def test_he_said_goes_to_a_newly_introduced_subject() -> None:
    text = ('"We are all shocked," Prime Minister George Dorn said.\n'
            "A professor at the city university, Ivo Marek, stayed home today.\n"
            '"What I saw was a battlefield," he said.')
    assert speaker_of(text, "battlefield") == "Ivo Marek"


def test_participle_after_a_titled_person_of_an_organisation() -> None:
    text = ("Acme Corp president and chief executive Rita Vold also addressed the deal in a statement, "
            "saying that the purchase would speed up growth.")
    assert speaker_of(text, "purchase would speed") == "Rita Vold"


def test_it_said_is_never_the_outlet() -> None:
    text = "The shop was closed, the Valley Courier reported. It said the owner would reopen in May."
    assert speaker_of(text, "owner would reopen") is None


def test_run_on_sentence_of_speech_verbs_stays_linear() -> None:
    small = "Pat Lee said " + " ".join(["he said"] * 1000) + "."
    big = "Pat Lee said " + " ".join(["he said"] * 8000) + "."
    q_small, q_big = find_quotes(small, split(small), []), find_quotes(big, split(big), [])
    assert sum(len(q.text) for q in q_big) <= 2 * sum(len(q.text) for q in q_small) + 10_000


def test_calls_that_are_speech_and_calls_that_are_not() -> None:
    quotes, _ = analyse("Mayor Ann Tull called the plan a disaster. Tull called her mother on Sunday. "
                        "Tull called for an inquiry into the deal. Tull called off the vote.")
    assert [q.text for q in quotes] == ["the plan a disaster", "for an inquiry into the deal"]


def test_reported_clause_before_an_inverted_or_group_speaker() -> None:
    assert speaker_of("The jail population stood at 9,000 in 1980, according to the Prison Reform Trust.",
                      "jail population") == "Prison Reform Trust"
    assert speaker_of("The cleanup work has met the standards, one state official said.",
                      "cleanup work") == "State official"
    quotes, _ = analyse("The officials felt at ease with the deal, said Mr. Tobin Barrett, the lawyer for the agency.")
    assert [(q.speaker, q.text) for q in quotes] == [("Tobin Barrett", "The officials felt at ease with the deal")]


def test_where_it_was_said_is_not_what_was_said() -> None:
    quotes, ents = analyse("The fund chief said in French newspaper Le Monde on Wednesday. "
                           "He said in an interview that the crisis would spread.")
    assert [q.text for q in quotes] == ["the crisis would spread"]
    assert {e.type for e in ents if e.text == "Le Monde"} == {"ORG"}
