"""Meaning before a code: conditional, capability, negated, denied and figurative readings.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import pytest

from newsprism.analyze.events import code_article
from newsprism.analyze.sentences import split
from newsprism.records import Article, Event


def _events(text: str) -> list[Event]:
    article = Article(id="t", source="test", text=text, published="2025-06-02")
    return code_article(article, split(text))


def _violent(text: str) -> list[Event]:
    return [e for e in _events(text) if e.quad_class == 4]


@pytest.mark.parametrize("text", [
    # conditional
    "Ottawa will impose tariffs if Mexico attacks the border post.",
    "If Chile attacks Peru, Brazil will respond.",
    "Unless Chile attacks Peru first, nothing will change.",
    # hypothetical and capability
    "Analysts said Turkey had the troops needed to launch an invasion of Armenia.",
    "Norway lacks the ships able to blockade the port.",
    "An invasion would devastate the economy of Laos.",
    "Should Ghana strike first, the region could burn.",
    # negated and denied
    "Kenya did not attack Somalia on Tuesday.",
    "Egypt denied that Egyptian jets bombed Libya on Monday.",
    "Morocco denied attacking Algerian troops.",
    # a question
    "Will Brazil invade Paraguay?",
])
def test_no_act_no_violent_event(text: str) -> None:
    assert _violent(text) == [], text


@pytest.mark.parametrize("text", [
    "The senator's campaign has consistently targeted young voters in Ohio.",
    "Governor Lane, struck by her story, promised a review.",
    "Canada's Prime Minister Lind, struck by her story, promised a review.",
    "The party spent millions on attack ads against Mayor Ruiz.",
    "Senator Hale of Ohio fought for the bill in Congress, Democrats said.",
    "Texas Senator Cole captured wins in Georgia and Ohio on Tuesday.",
    "The Supreme Court of Canada struck down Ottawa's law on Friday.",
    "Venezuelan President Ortiz seized on the remark by Colombia's president.",
    "The primary fight between Senator Cole and Governor Ruiz of Texas dragged on.",
    "The governor shot back at the senator in a statement.",
    "Senator Ruiz's attacks on the governor grew sharper.",
    "The primary fight between the two candidates dragged on.",
])
def test_figures_of_speech_are_not_violence(text: str) -> None:
    assert _violent(text) == [], text


def test_hypothetical_would_is_no_event() -> None:
    assert _events("Vietnam would invade Laos within a week.") == []
    said = _events("Vietnam said it would send aid to Laos.")
    assert said and said[0].cameo.startswith("03")  # a reported intention (033) is coded


def test_labour_strike_is_a_protest_not_an_assault() -> None:
    text = ("About 900 bus drivers went on strike in Lisbon on Monday, their union said. "
            "The strike halted traffic at the main depot as workers demanded higher pay.")
    assert _violent(text) == []
    assert all(e.plover != "ASSAULT" for e in _events(text))


def test_verbal_attack_on_a_person_is_criticism() -> None:
    evs = _events("President Okafor attacked Senator Bello over the budget on Monday.")
    assert [e.quad_class for e in evs] != [4]
    assert all(e.plover != "ASSAULT" for e in evs)


@pytest.mark.parametrize("text, root", [
    ("Russian troops attacked the Ukrainian village of Zolote on Monday, killing three civilians.", "19"),
    ("Syrian warplanes bombed rebel positions near Idlib on Sunday.", "19"),
    ("Police arrested twelve protesters in Nairobi on Friday.", "17"),
    ("Three Indian soldiers were killed by a roadside bomb in Kashmir.", "18"),
])
def test_real_violence_is_still_coded(text: str, root: str) -> None:
    roots = {e.cameo[:2] for e in _events(text)}
    assert roots & {root, "18", "19", "17", "20"}, (text, roots)


def test_a_threat_is_coded_as_a_threat() -> None:
    evs = _events("Iran threatened to attack Israel on Sunday.")
    assert evs and evs[0].plover == "THREATEN" and evs[0].quad_class == 3


def test_what_one_actor_says_another_must_do_is_a_demand() -> None:
    evs = _events("Norway said Sweden must withdraw its troops from the border.")
    assert [(e.source.code, e.target.code, e.cameo) for e in evs if e.source and e.target] == [("NOR", "SWE", "100")]
    assert _events("Sweden must withdraw its troops from the border.") == []


def test_capturing_people_is_detention_and_capturing_a_town_is_force() -> None:
    people = _events("The Indian navy captured 23 Somali pirates in the Gulf of Aden on Monday.")
    assert [e.cameo for e in people] == ["173"]
    town = _events("Russian forces captured the town of Zolote on Monday.")
    assert [e.cameo[:2] for e in town] == ["19"]


@pytest.mark.parametrize("text", [
    "Senator Ruth Adler said the claim that Governor Lane had assaulted a reporter was false.",
    "Critics say the new rules are killing journalism in Ohio.",
    "Democrats pressured Senator Cole of Ohio to drop the amendment.",
    "Governor Lane tried to seize the high ground during the debate.",
])
def test_claims_abstract_objects_and_domestic_politics_are_not_coercion(text: str) -> None:
    assert _violent(text) == [], text


def test_a_government_coercing_its_opposition_is_coded() -> None:
    evs = _violent("Kenyan police arrested 40 opposition supporters in Nairobi on Monday.")
    assert [e.cameo[:2] for e in evs] == ["17"]


def test_a_warning_with_no_one_warned_is_no_threat() -> None:
    assert _events("Interior Minister Rui Costa of Portugal warned that the toll could still rise.") == []
    evs = _events("Portugal warned Spain against closing the border.")
    assert evs and evs[0].plover == "THREATEN" and evs[0].target.code == "ESP"


@pytest.mark.parametrize("text", [
    "The senator visited the school where 20 Canadian students were killed by a gunman.",
    "Governor Lane recalled that Nigerian troops attacked the village in 1998.",
])
def test_asides_and_recollections_are_not_reports(text: str) -> None:
    assert _violent(text) == [], text


def test_an_undated_article_takes_the_year_it_names_most() -> None:
    from newsprism.analyze.event_senses import latest_year

    assert latest_year("In 2016 the vote... 2016 again, and 1998 once, 2030 in a plan.") == "2016"
    assert latest_year("No year here.") is None


@pytest.mark.parametrize("text", [
    "The flood hit the region hard, forcing Canadian officials to evacuate two towns.",
    "Mayor Ruiz's aides are pressuring Senator Cole of Ohio to drop out.",
    "Governor Lane prosecuted Senator Cole on issues from taxes to roads.",
    "Ohio was once a land of poverty, segregation, lynching and fear.",
])
def test_consequences_pressure_without_state_and_lists_are_not_coercion(text: str) -> None:
    assert _violent(text) == [], text


@pytest.mark.parametrize("text", [
    "Citing last week's Lisbon attack, Senator Cole of Ohio urged calm.",
    "Lawmakers read the email sent after the initial Kabul attack on Afghan troops.",
])
def test_named_attacks_are_nouns(text: str) -> None:
    assert _violent(text) == [], text


def test_a_quotation_closing_in_this_sentence_is_quoted() -> None:
    text = ("\"We were told to wait. Then Kenyan troops attacked the Somali camp at dawn,\" "
            "the witness said.")
    assert _violent(text) == []


@pytest.mark.parametrize("text", [
    # the speaker of "said" is not the subject of what is reported
    "The Peruvian health minister said on Monday that twelve people were killed in Lima.",
    # a pronoun subject cannot stand for an agency
    "He told the Finnish police that he was bored, and he attacked several shops.",
    # a name at a sentence's start modifying a conflict noun
    "The Tulsa massacre still haunts Americans.",
    # a participle modifying the object
    "Greece regularly exchanged imprisoned Turks for its own citizens.",
    # a ban on an activity, no one banned
    "The mayor of Lyon banned smoking in parks.",
    "Ohio lawmakers restricted early voting last year.",
])
def test_speakers_pronouns_modifiers_and_policies_are_no_violence(text: str) -> None:
    assert _violent(text) == [], text


def test_a_reported_event_keeps_a_pronoun_subject() -> None:
    evs = _violent("Morocco said it had arrested four Algerian smugglers.")
    assert evs and evs[0].source is not None and evs[0].source.code == "MAR"


def test_a_reduced_passive_takes_its_by_agent_as_source() -> None:
    evs = _violent("Sailors held hostage by Libya for nine weeks were freed on Monday.")
    assert evs and evs[0].source is not None and evs[0].source.code == "LBY"


@pytest.mark.parametrize("text", [
    # an actor after a preposition is no subject: the man did it, not the group he named
    "A man claiming allegiance to the Taliban shot dead six tourists in Oslo on Monday.",
    # the main clause after an opening "if" clause says what would follow
    "If the agency breaks the rules, there is little chance of Danish officials being arrested by police.",
    # a figurative object after a comma
    "Seven Danish senators kept up a filibuster aimed at delaying, and ultimately killing, a water bill.",
    # long ago
    "Two centuries ago Swedish troops killed thousands of Finns.",
])
def test_obliques_consequences_and_the_distant_past_are_no_violence(text: str) -> None:
    assert _violent(text) == [], text


@pytest.mark.parametrize("text", [
    # a photograph is captured, no one is attacked
    "Military aides hand out tickets for a portrait, captured by the official Kremlin photographer.",
    # "they" opens a clause of its own; the senator did not murder anyone
    "The senator praised a flag like the one that Nazis forced prisoners to carry before they "
    "systematically rounded them up and murdered them.",
])
def test_figurative_passives_and_other_clauses_are_no_violence(text: str) -> None:
    assert _violent(text) == [], text


def test_one_act_told_with_two_verbs_is_one_event() -> None:
    evs = _violent("Ruritania's militia has targeted and killed members of the Danish minority in Aarhus.")
    assert len(evs) == 1


def test_a_target_is_never_in_the_next_clause() -> None:
    evs = _violent("Norwegian police arrested him and put him on a plane to Stockholm.")
    assert evs and evs[0].target is None


def test_a_reported_noun_phrase_keeps_the_reporter_as_actor() -> None:
    evs = _events("Chile announced its own ten-day naval drills starting Monday.")
    assert evs and evs[0].source is not None and evs[0].source.code == "CHL"


def test_and_between_two_nationalities_opens_no_clause() -> None:
    evs = _violent("The Omani navy arrested nine armed Somali and Yemeni smugglers.")
    assert evs and evs[0].target is not None


def test_an_opening_phrase_does_not_make_the_subject_an_attribution() -> None:
    evs = _violent("Last week, Chile's navy said it had sunk a smuggling boat off Peru.")
    assert evs and evs[0].source is not None and evs[0].source.code == "CHL"
