"""quotes.reported + speakers.attribute: sentence → (kind, words, speaker mention, cue), as tables."""

from __future__ import annotations

import pytest

from sayso import Article, Pipeline
from sayso.model import Quotation, Span
from sayso.quotes.reported import find_windows

STAGES = ["normalise", "segment", "language", "quotes.direct", "quotes.reported", "speakers.attribute",
          "finalise"]
PIPE = Pipeline(STAGES)


def statements(text: str) -> list[tuple[str, str, str | None, str | None]]:
    a = PIPE(Article(text=text))
    for s in a.statements:
        assert a.text[s.start:s.end] == s.text
        if s.speaker_start is not None:
            assert a.text[s.speaker_start:s.speaker_end] == s.speaker_mention
        if s.cue_start is not None:
            assert a.text[s.cue_start:s.cue_end] == s.cue
    return [(s.kind, s.text, s.speaker_mention, s.cue) for s in a.statements]


# One row: the sentence, then every statement expected from it, in order.
REPORTED = [
    # speaker before the cue, clause after it
    ("Umerov stated that he has not heard of any such proposal.",
     [("indirect", "he has not heard of any such proposal", "Umerov", "stated")]),
    ("The minister said the talks would resume on Monday.",
     [("indirect", "the talks would resume on Monday", "The minister", "said")]),
    ("Sanders told reporters that he would stay in the race.",
     [("indirect", "he would stay in the race", "Sanders", "told")]),
    ("Cornyn told reporters this was the only chance to pass the measure.",
     [("indirect", "this was the only chance to pass the measure", "Cornyn", "told")]),
    ("Bernie Sanders has pledged to stay in the primary through that contest.",
     [("indirect", "to stay in the primary through that contest", "Bernie Sanders", "pledged")]),
    ("Sen. Bernie Sanders (I-Vt.) said he will release his medical records.",
     [("indirect", "he will release his medical records", "Sen. Bernie Sanders (I-Vt.)", "said")]),
    # inverted: content first
    ("Prices will rise next year, the central bank warned.",
     [("indirect", "Prices will rise next year", "the central bank", "warned")]),
    ("Prices will rise next year, said the governor of the central bank.",
     [("indirect", "Prices will rise next year", "the governor of the central bank", "said")]),
    ("This includes a special force to assist the Peshmerga, Defense Secretary Ash Carter told a Senate "
     "committee.",
     [("indirect", "This includes a special force to assist the Peshmerga", "Defense Secretary Ash Carter",
       "told")]),
    # according to, both sides
    ("According to a source in the Office of the President, the talks stalled.",
     [("indirect", "the talks stalled", "a source in the Office of the President", "According to")]),
    ("The talks stalled in May, according to Reuters.",
     [("indirect", "The talks stalled in May", "Reuters", "according to")]),
    # "In his words, …" (translated "По его словам"): the possessive speaks; "In the words of X, …"
    ("In his words, the enemy is accumulating reserves.",
     [("indirect", "the enemy is accumulating reserves", "his", "In his words")]),
    ("In the words of the minister, the war is far from over.",
     [("indirect", "the war is far from over", "the minister", "In the words of")]),
    # … inside a sentence the phrase is an aside of words attributed already
    ("She promised to act because, in her words, the time had come.",
     [("indirect", "to act because, in her words, the time had come", "She", "promised")]),
    ('"It is illegal to harass a woman," according to the commission.',  # the comma inside the marks
     [("direct", "It is illegal to harass a woman,", "the commission", "according to")]),
    # appositions and asides between the speaker and the cue
    ("Hugh Hill, a doctor, said the clinic was full.",
     [("indirect", "the clinic was full", "Hugh Hill", "said")]),
    # a long apposition: the name before its opening comma speaks
    ("Steve Elmendorf, a top fundraiser and veteran lobbyist close to the campaign in Brooklyn, says "
     "the goal is to win.", [("indirect", "the goal is to win", "Steve Elmendorf", "says")]),
    ("Mike Morrell, a 30-year veteran of the CIA who retired as acting director in 2013, said the "
     "approach is insufficient.", [("indirect", "the approach is insufficient", "Mike Morrell", "said")]),
    # a pronoun with words after it opens the reported clause: no inverted speaker
    ("Nicholas Chapin, 18, said he planned to vote for the first time.",
     [("indirect", "he planned to vote for the first time", "Nicholas Chapin", "said")]),
    ("Rep. Bobby Scott, a chief negotiator, said he fully supports the compromise.",
     [("indirect", "he fully supports the compromise", "Rep. Bobby Scott", "said")]),
    ("The deal is off, said she.", [("indirect", "The deal is off", "she", "said")]),
    # an inverted speaker may open with lower-case words that describe the name
    ('"We need to fix this," said former Sen. Evan Bayh, a moderate Indiana Democrat.',
     [("direct", "We need to fix this,", "former Sen. Evan Bayh", "said")]),
    ('"It is the reality," says psychologist Vaile Wright.',
     [("direct", "It is the reality,", "psychologist Vaile Wright", "says")]),
    ("The talks failed, said former secretary of state Hillary Clinton.",
     [("indirect", "The talks failed", "former secretary of state Hillary Clinton", "said")]),
    # … but not words that open a reported clause
    ("He paused, said nothing about Trump.", [("indirect", "nothing about Trump", "He", "said")]),
    ("Jens Stoltenberg, in an interview with FT, suggested a scenario where Ukraine could join.",
     [("indirect", "a scenario where Ukraine could join", "Jens Stoltenberg", "suggested")]),
    ("Powell's office, when contacted by Reuters, said the diplomat was traveling.",
     [("indirect", "the diplomat was traveling", "Powell's office", "said")]),
    # a cue coordinated with an earlier verb shares that clause's subject, also across commas
    ("Clinton seemed ready to fight, telling the crowd she would win.",
     [("indirect", "she would win", "Clinton", "telling")]),
    ("Ebeling reminisced about her days with Clinton, and said their views changed.",
     [("indirect", "their views changed", "Ebeling", "said")]),
    ("Trump joked about the polls, declined to name a running mate, and told his audience they would win.",
     [("indirect", "they would win", "Trump", "told")]),
    # … but a place or a sentence adverb before the comma is no subject
    ("The pastor stood in Burlington, Iowa, and said the race was close.",
     [("indirect", "the race was close", None, "said")]),
    ("Perhaps go a step further, and ask voters what they think.",
     [("indirect", "what they think", None, "ask")]),
    # a time adjunct before the cue is no speaker; an apposition before it still names one
    ("Paul Ryan, the nation's highest-ranking Republican, on Tuesday called the remarks racist.",
     [("indirect", "the remarks racist", "Paul Ryan", "called")]),
    ("Sen. Chuck Grassley (R-Iowa) on Wednesday said the hearing would go ahead.",
     [("indirect", "the hearing would go ahead", "Sen. Chuck Grassley (R-Iowa)", "said")]),
    ("Trump, a frequent critic of the party, last year proposed a ban on imports.",
     [("indirect", "a ban on imports", "Trump", "proposed")]),
    # … but a month that ends a name is part of it
    ('"His ideas are far from heartwarming," columnist Ai Jun wrote.',
     [("direct", "His ideas are far from heartwarming,", "columnist Ai Jun", "wrote")]),
    # "notes" is a cue with a clear subject, a noun after a possessive
    ("Mr. McKinley notes that three things are happening at once.",
     [("indirect", "three things are happening at once", "Mr. McKinley", "notes")]),
    ('"Look at the statement," Conway notes. "It was very different in tone."',
     [("direct", "Look at the statement,", "Conway", "notes"),
      ("direct", "It was very different in tone.", "Conway", "notes")]),
    # an age before an aside: the name before the age speaks
    ("Woodrow Benford, 58, who lives outside Minneapolis, says he did not vote.",
     [("indirect", "he did not vote", "Woodrow Benford", "says")]),
    # a time phrase opening the sentence is no speaker; the apposition's name is
    ("Earlier this month, the head of the Office, Andriy Yermak, told Ukrainska Pravda that help is near.",
     [("indirect", "help is near", "Andriy Yermak", "told")]),
    # "said so" with nothing after it stays a statement (the annotated corpora count it)
    ("Half of the voters said so.", [("indirect", "so", "Half of the voters", "said")]),
    # a description and then a name in apposition: the name speaks
    ("The ministry's spokesperson, Heorhii Tykhyi, wrote on Facebook that the embassy would reopen.",
     [("indirect", "the embassy would reopen", "Heorhii Tykhyi", "wrote")]),
    # a publication noun in -ly is no adverb before the cue
    ('"She would be an excellent president," the influential US daily wrote.',
     [("direct", "She would be an excellent president,", "the influential US daily", "wrote")]),
    # "called on X to …", "called for …" (the annotated corpora count them), not the noun "calls for"
    ("The president called on partners to speed up deliveries.",
     [("indirect", "partners to speed up deliveries", "The president", "called on")]),
    ("Sanders called for a ban on fracking.", [("indirect", "a ban on fracking", "Sanders", "called for")]),
    # a venue that closes the words is where they were said, not part of them
    ("Keron Blair called for more school investment in a statement on Thursday.",
     [("indirect", "more school investment", "Keron Blair", "called for")]),
    ("She said the talks failed in a recent interview with The Post.",
     [("indirect", "the talks failed", "She", "said")]),
    ("He said he was in a meeting.", [("indirect", "he was in a meeting", "He", "said")]),
    # "expressed hope / confidence / concern that …"
    ("He also expressed hope that China would join later.",
     [("indirect", "China would join later", "He", "expressed hope")]),
    # a quotation that ends its sentence and a long sentence that attributes it
    ("He spoke.\n“It looks bad, who knows?” Trump told Britain's ITV television station in an interview "
     "aired on Monday from his office in New York on a rainy and cold day.",
     [("direct", "It looks bad, who knows?", "Trump", "told")]),
    # "issued a statement, "…"" / "released a statement saying that …"
    ('After the attacks, Trump issued a statement, "Last night, our nation was attacked."',
     [("direct", "Last night, our nation was attacked.", "Trump", "issued a statement")]),
    ("The ministry released a statement saying that the talks had failed.",
     [("indirect", "the talks had failed", "The ministry", "released a statement")]),
    # a cue inside reported words is an attribution of its own
    ("Powell's office said the diplomat could not recall the dinner.",
     [("indirect", "the diplomat could not recall the dinner", "Powell's office", "said"),
      ("indirect", "the dinner", "the diplomat", "recall")]),
    # a second cue: coordinated, participle, nested
    ("The ministry denied the report and added that the border was calm.",
     [("indirect", "the report", "The ministry", "denied"),
      ("indirect", "the border was calm", "The ministry", "added")]),
    ("Prices will rise, the minister said, adding that wages would not.",
     [("indirect", "Prices will rise", "the minister", "said"),
      ("indirect", "wages would not", "the minister", "adding")]),
    ("Citing obligations at home, the former vice president's spokeswoman told POLITICO that Gore would "
     "skip it.",
     [("indirect", "obligations at home", "the former vice president's spokeswoman", "Citing"),
      ("indirect", "Gore would skip it", "the former vice president's spokeswoman", "told")]),
    ("Rather, he said, continued struggles will coalesce support around stopping him.",
     [("indirect", "continued struggles will coalesce support around stopping him", "he", "said")]),
    # passive with a place as the speaker, then coordinated cues with the same speaker
    ('In the Office of the President, the report was labeled "nonsense" and emphasized that nothing was '
     'traded, noting that there is no such discussion.',
     [("direct", "nonsense", "Office of the President", "labeled"),
      ("indirect", "nothing was traded", "Office of the President", "emphasized"),
      ("indirect", "there is no such discussion", "Office of the President", "noting")]),
    # an adverb in "-ly" between the speaker and the cue is neither ("the family" is a noun)
    ('Clinton, exasperated, famously responded: "What difference does it make?"',
     [("direct", "What difference does it make?", "Clinton", "responded")]),
    ("The senator angrily replied that the vote was rigged.",
     [("indirect", "the vote was rigged", "The senator", "replied")]),
    ("The Trump family said that the report was false.",
     [("indirect", "the report was false", "The Trump family", "said")]),
    # mixed: a reported clause that quotes some words
    ('Umerov stated he would commit "very bad things" if territories were exchanged.',
     [("mixed", 'he would commit "very bad things" if territories were exchanged', "Umerov", "stated")]),
    ('The country "has made dramatic changes for the better," McConnell said in June.',
     [("mixed", 'The country "has made dramatic changes for the better,"', "McConnell", "said")]),
]

DIRECT = [
    ('"We will win," the minister said.', [("direct", "We will win,", "the minister", "said")]),
    ('"We will win," said Rustem Umerov, the defense minister.',
     [("direct", "We will win,", "Rustem Umerov", "said")]),
    ("“No, I haven't heard anything like that,” emphasized Umerov.",
     [("direct", "No, I haven't heard anything like that,", "Umerov", "emphasized")]),
    ('He said: "We are ready to talk."', [("direct", "We are ready to talk.", "He", "said")]),
    ('He says, "They are just too big."', [("direct", "They are just too big.", "He", "says")]),
    ('"Have I started writing my speech?" Sanders replied. "The answer is yes."',
     [("direct", "Have I started writing my speech?", "Sanders", "replied"),
      ("direct", "The answer is yes.", "Sanders", "replied")]),
    ('"I believe a solution could be found," "Radio Liberty" quoted him.',
     [("direct", "I believe a solution could be found,", "him", "quoted")]),
    ('"No one has offered such guarantees," a source in the Office of the President told "24 Channel."',
     [("direct", "No one has offered such guarantees,", "a source in the Office of the President", "told")]),
    ('"There has been a lot of talk," Senate Majority Leader Mitch McConnell, R-Ky., said.',
     [("direct", "There has been a lot of talk,", "Senate Majority Leader Mitch McConnell", "said")]),
    ('"They would be wrong," Michael Briggs, a spokesman for Sanders, said in an interview.',
     [("direct", "They would be wrong,", "Michael Briggs", "said")]),
    ('Recently she announced on her page, in capital letters, "I am boarding the Trump train!"',
     [("direct", "I am boarding the Trump train!", "she", "announced")]),
    ('He went on to say, "You have a right to vote on November 8th."',
     [("direct", "You have a right to vote on November 8th.", "He", "say")]),
    ("''We are refugees,'' Ms. Alawee said.",  # two apostrophes: attributed, reported as the corpora do
     [("indirect", "''We are refugees,''", "Ms. Alawee", "said")]),
    # colon introductions
    ('As Joel Pollak reported:\n\n"The government has done almost nothing with the intelligence."',
     [("direct", "The government has done almost nothing with the intelligence.", "Joel Pollak",
       "reported")]),
    # a cue that takes no clause of its own still introduces the quotation after its colon
    ('Caddell continued:\n\n"The health issue is very much a partisan issue."',
     [("direct", "The health issue is very much a partisan issue.", "Caddell", "continued")]),
    ('As Professor Foner put it: "The United States does a better job at this."',
     [("direct", "The United States does a better job at this.", "Professor Foner", "put it")]),
    ('Jared Potts echoed: "He speaks his mind."',
     [("direct", "He speaks his mind.", "Jared Potts", "echoed")]),
    ('Rep. Trey Gowdy (R-S.C.): "I have not heard anyone cite that figure."',
     [("direct", "I have not heard anyone cite that figure.", "Rep. Trey Gowdy (R-S.C.)", ":")]),
    ("Умеров: «Мы готовы к переговорам и не отступим».",
     [("direct", "Мы готовы к переговорам и не отступим", "Умеров", ":")]),
    # right after its attribution, one word that ends a sentence still continues the speech
    ('"We will not give up," Zelensky said. "Never."',
     [("direct", "We will not give up,", "Zelensky", "said"), ("direct", "Never.", "Zelensky", "said")]),
    # continuation in the next paragraph keeps the speaker
    ('"We will win this race," Trump said at the rally.\n\n"Nobody thought this was possible a year ago."',
     [("direct", "We will win this race,", "Trump", "said"),
      ("direct", "Nobody thought this was possible a year ago.", "Trump", "said")]),
]

NOT_STATEMENTS = [
    'The crowd cheered. "Victory"',  # a short quotation with no attribution before it
    "The campaign issued a statement.",  # no words of its own
    "There were many phone calls for comment.",  # the noun
    "They called on Monday.",
    "He said this on Wednesday in an interview with the BBC in Kyiv.",  # a remark: places earlier words
    "Editor's note: This story has been amended to clarify the dates.",
    "Others echoed the sentiment of the crowd.",              # a cue without a clause or a quotation
    'What he meant was not explained by "Radio Liberty."',      # a name in quotation marks
    'He appeared on "Saturday Night Live" last week.',          # a title
    'The plan, a "reform" in name only, failed.',               # a scare quote without a speaker
    "The state of the union is strong.",                        # a cue word used as a noun
    "He held a conference call with donors.",
    "The United States will host the summit.",
    "They declined to say more.",                               # an infinitive has no speaker of its own
    # a headline credited to its author in a round-up, not words somebody said
    '—"Sam Mendes leaves the musical on its way to Broadway after all these years," by Times\' Mike Paul.',
    '"A museum director balances history with crowd-pleasers in a busy city season" by The Boston Globe.',
]

# One row: a headline, its body, then every statement expected from the headline (the body says nothing).
HEADLINES = [
    ('Umerov stated he would commit "very bad things" if territories were exchanged.',
     [("mixed", 'he would commit "very bad things" if territories were exchanged', "Umerov", "stated"),
      ("direct", "very bad things", "Umerov", "stated")]),
    ("Clinton says the plan is 'a recipe for disaster' and 'deeply unfair'.",
     [("mixed", "the plan is 'a recipe for disaster' and 'deeply unfair'", "Clinton", "says"),
      ("direct", "a recipe for disaster", "Clinton", "says"),
      ("direct", "deeply unfair", "Clinton", "says")]),
    # no quotation marks: one indirect statement, as in body text
    ("Minister says talks will resume in spring.",
     [("indirect", "talks will resume in spring", "Minister", "says")]),
]


@pytest.mark.parametrize(("text", "expected"), REPORTED, ids=[r[0][:40] for r in REPORTED])
def test_reported_finds_speaker_cue_and_clause(text: str, expected: list[tuple[str, ...]]) -> None:
    assert statements(text) == expected


@pytest.mark.parametrize(("text", "expected"), DIRECT, ids=[r[0][:40] for r in DIRECT])
def test_reported_attributes_direct_quotes(text: str, expected: list[tuple[str, ...]]) -> None:
    assert statements(text) == expected


@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_reported_rejects_names_titles_and_non_cues(text: str) -> None:
    assert statements(text) == []


@pytest.mark.parametrize(("headline", "expected"), HEADLINES, ids=[r[0][:40] for r in HEADLINES])
def test_reported_headline_gives_its_quoted_words_as_statements(
        headline: str, expected: list[tuple[str, ...]]) -> None:
    text = headline + "\n\nThe meeting took place on Monday in the capital."
    a = PIPE(Article(text=text, headline=headline))
    assert [(s.kind, s.text, s.speaker_mention, s.cue) for s in a.statements] == expected
    # in body text the same sentence stays one mixed statement
    body = [s.kind for s in PIPE(Article(text="Intro line here.\n\n" + headline)).statements]
    assert body == [row[0] for row in expected if row[0] != "direct"]


@pytest.mark.parametrize(("sentences", "quotes", "expected"), [
    # a quotation across a sentence boundary joins the two sentences
    ([Span(0, 10), Span(11, 30)], [Quotation(1, 20, 0, 20)], [Span(0, 30)]),
    # no quotation across: the sentences stay apart
    ([Span(0, 10), Span(11, 30)], [Quotation(1, 8, 0, 8)], [Span(0, 10), Span(11, 30)]),
])
def test_reported_windows_join_sentences_a_quote_crosses(
        sentences: list[Span], quotes: list[Quotation], expected: list[Span]) -> None:
    assert find_windows(sentences, quotes) == expected
