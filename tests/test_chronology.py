"""Key events as a dated list: `eventscope chronology`, clean summary lines, one line per happening."""
import json

from desktop_app.cli.main import main
from desktop_app.core.happenings.summary_text import clean_sentence

ARTICLES = {
    "a1": ("2021-04-03", "Bergen Post",
           "BERGEN, Norway (AP) -- Police in Bergen arrested Lena Ford on 2 April 2021 after a long inquiry.\n"
           "Storms flooded the harbour of Tromso on 1 April 2021, officials in the city said."),
    "a2": ("2021-04-04", "Oslo Daily",
           "By Kari Nordmann\nLena Ford was arrested by police in Bergen on April 2 after a long inquiry.\n"
           "The harbour authority of Tromso reported flooding on April 1."),
    "a3": ("2021-04-06", "North News",
           "Police in Bergen arrested Lena Ford on Friday, April 2, after a long inquiry into the bank.\n"
           "Ministers met in Oslo on 5 April 2021 to discuss the budget for the coming year."),
}


def _folder(tmp_path):
    for name, (dct, pub, text) in ARTICLES.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.txt.meta.json").write_text(json.dumps({"dct": dct, "publication": pub}))
    return tmp_path


def test_chronology_json_has_at_most_t_dates_and_n_lines_and_each_happening_once(tmp_path):
    folder = _folder(tmp_path)
    out = tmp_path / "chrono.json"
    assert main(["chronology", str(folder), "--dates", "2", "--per-date", "1", "--json", str(out)]) == 0
    entries = json.loads(out.read_text())["chronology"]
    assert 1 <= len(entries) <= 2
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    assert "2021-04-02" in [e["date"] for e in entries]
    # With room for one date only, it is the day most documents report on (April 2: all three).
    one = tmp_path / "one.json"
    assert main(["chronology", str(folder), "--dates", "1", "--json", str(one)]) == 0
    assert [e["date"] for e in json.loads(one.read_text())["chronology"]] == ["2021-04-02"]
    happenings = [h for e in entries for h in e["happenings"]]
    assert len(happenings) == len(set(happenings))
    for e in entries:
        assert len(e["summary"]) <= 1 and e["sources"]
        for line in e["summary"]:
            assert "(AP)" not in line and not line.startswith("By ") and "BERGEN, Norway" not in line


def test_chronology_markdown_and_a_bad_option_give_one_line(tmp_path, capsys):
    folder = _folder(tmp_path)
    md = tmp_path / "chrono.md"
    assert main(["chronology", str(folder), "--md", str(md)]) == 0
    assert md.read_text().startswith("# Key events") and "## 2021-04-02" in md.read_text()
    assert main(["chronology", str(folder), "--dates", "0"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--dates" in err[0]


def test_chronology_of_a_workspace_is_the_corrected_corpus_without_extracting_again(tmp_path, capsys):
    from desktop_app.core.workspace import Workspace, edits
    (tmp_path / "docs").mkdir()
    folder = _folder(tmp_path / "docs")
    ws_path = tmp_path / "study.esw"
    assert main(["workspace", "create", str(ws_path), str(folder)]) == 0
    plain, kept = tmp_path / "plain.json", tmp_path / "kept.json"
    assert main(["chronology", str(folder), "--json", str(plain)]) == 0
    assert main(["chronology", str(ws_path), "--json", str(kept)]) == 0
    assert json.loads(kept.read_text()) == json.loads(plain.read_text())
    told = [line for e in json.loads(plain.read_text())["chronology"] for line in e["summary"]]
    assert any(line.startswith("Storms flooded") for line in told)
    # The analyst deletes the flood report of a1: the workspace's chronology no longer tells it from a1.
    ws = Workspace.open(ws_path)
    flood = next(e for e in ws.corpus.events if e.text.startswith("Storms flooded"))
    ws.push(edits.delete_event(ws.corpus, flood))
    ws.save()
    ws.close()
    assert main(["chronology", str(ws_path), "--json", str(kept)]) == 0
    lines = [line for e in json.loads(kept.read_text())["chronology"] for line in e["summary"]]
    assert not any(line.startswith("Storms flooded") for line in lines)
    capsys.readouterr()
    assert main(["chronology", str(ws_path), str(folder)]) == 2
    assert main(["chronology", str(tmp_path / "missing.esw")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "read alone" in err[0]


def test_clean_sentence_drops_wire_headers_bylines_and_stamps():
    assert clean_sentence("NAIROBI, Kenya (AP) -- Two bombs exploded outside the U.S. embassies on Friday.") \
        == "Two bombs exploded outside the U.S. embassies on Friday."
    assert clean_sentence("By Jane Doe\nTwo bombs exploded outside the U.S. embassies on Friday.") \
        == "Two bombs exploded outside the U.S. embassies on Friday."
    assert clean_sentence("William Crawley | 22:29 UK time, Wednesday, 13 January 2010 The mayor's body was "
                          "found in the ruins of his office.") == "The mayor's body was found in the ruins of his office."
    assert clean_sentence("Page last updated at 08:58 GMT, Thursday, 24 June 2010 09:58 UK Michael Jackson's family "
                          "marked the anniversary of his death.") == "Michael Jackson's family marked the anniversary of his death."
    assert clean_sentence("He said so.") is None                   # too short, and leans on what came before
    assert clean_sentence('"It is a tragedy beyond imagination, he said.') is None   # half a quotation


def test_clean_sentence_drops_glued_headlines_clocks_comments_questions_and_first_person():
    assert clean_sentence("Quake devastates capital Thousands of people are feared dead after a powerful earthquake "
                          "hit the capital on Tuesday.") \
        == "Thousands of people are feared dead after a powerful earthquake hit the capital on Tuesday."
    assert clean_sentence("0810 The scale of the disaster is still emerging, with the Red Cross reporting "
                          "that millions need aid.").startswith("The scale of the disaster")
    assert clean_sentence("At 11:35 am on 18 Jan 2010, Nikolas wrote: The need for Europe to act is clear to all.") is None
    assert clean_sentence("Why did the government wait three days before it sent the army in?") is None
    assert clean_sentence("I saw the rescue teams working through the night in the old town.") is None
    assert clean_sentence('The mayor said "we will rebuild the whole city" after the quake on Tuesday.') is not None
    # The first person capitalised at a sentence's start is a view too.
    assert clean_sentence("My house in Leogane was destroyed by the quake on Tuesday night.") is None
    # A proper name that opens with "The" after a preposition is not a glued headline.
    assert clean_sentence("Leaders met in The Hague on Tuesday to discuss the crisis in the region.") \
        == "Leaders met in The Hague on Tuesday to discuss the crisis in the region."



def test_summary_lines_cut_glued_headlines_by_the_same_openers_as_the_sentence_splitter():
    """An ordinal, "One", a holiday or "Today" opens names as often as sentences: a summary line
    keeps "the third One Day International" and "Operation Easter" whole, as the splitter does."""
    from desktop_app.core.text.glued import sentence_openers
    assert "One" not in sentence_openers() and "Easter" not in sentence_openers()
    assert clean_sentence("Uninterrupted commentary of the third One Day International between England and "
                          "Australia comes live from the Rose Bowl.") == \
        "Uninterrupted commentary of the third One Day International between England and Australia comes live " \
        "from the Rose Bowl."
    assert clean_sentence("Several were apprehended in Operation Easter by detectives from the National Wildlife "
                          "Crime Unit.").startswith("Several were apprehended")


def test_a_headline_glued_onto_a_documents_opening_sentence_is_cut_where_a_name_opens_the_sentence_proper():
    glued = ("Michael Jackson's doctor goes on trial Michael Jackson's doctor has gone on trial in America, "
             "charged with causing the singer's death.")
    assert clean_sentence(glued, opening=True) == \
        "Michael Jackson's doctor has gone on trial in America, charged with causing the singer's death."
    assert clean_sentence(glued) == glued          # inside an article, a name after a noun is no seam
    assert clean_sentence("US troops land at Haiti's presidential palace US troops are stepping up aid operations "
                          "across Haiti, a week after the earthquake.", opening=True) == \
        "US troops are stepping up aid operations across Haiti, a week after the earthquake."
    # Not seams: a verb of saying, a determined noun in apposition, a name that goes on.
    for kept in ("Prosecutors said Dr Murray had given Jackson a lethal dose of propofol in his bedroom.",
                 "The death of the singer Michael Jackson was ruled a homicide by the Los Angeles coroner.",
                 "A jury in Los Angeles found Conrad Murray guilty of involuntary manslaughter on Monday.",
                 "U2, Jay-Z and producer Swizz Beatz have recorded a song together to raise money for victims.",
                 # Newswire read whole: the two sides of the seam share too little to be headline and story.
                 "Some 1,500 ethnic Albanians marched Sunday in downtown Istanbul, burning Serbian flags to "
                 "protest the killings of ethnic Albanians.",
                 "The Clinton administration's wisdom in returning Elian Gonzalez to his father was confirmed "
                 "over the weekend."):
        assert clean_sentence(kept, opening=True) == kept


def test_a_connective_opening_a_line_goes_and_a_line_leaning_on_the_sentence_before_or_starting_mid_phrase_is_none():
    assert clean_sentence("But Judge Michael Pastor ruled on Monday that the film would not help the defense.") == \
        "Judge Michael Pastor ruled on Monday that the film would not help the defense."
    assert clean_sentence("However, the UN said the aid was arriving in the capital on Friday.") == \
        "The UN said the aid was arriving in the capital on Friday."
    assert clean_sentence("But it was too late for the rescue teams to help the survivors.") is None
    assert clean_sentence("And our struggle will not end with the return of the boy, added the president.") is None
    assert clean_sentence("It's good to celebrate, good to keep the legacy alive, but everything has its time.") is None
    assert clean_sentence("A on the MSD test, but the specific subtype could not be determined by the test.") is None
    assert clean_sentence("A influenza virus that was likely to be the swine flu, the health commissioner said.") is None
    assert clean_sentence("A one-year-old girl was pulled alive from the rubble of the hotel on Friday.") is not None


def test_a_web_pages_link_or_box_label_is_no_line():
    assert clean_sentence("In pictures: Stars help Hope For Haiti fundraiser in Los Angeles and London.") is None
    assert clean_sentence("As it happened: Haiti earthquake 14 Jan Live coverage following Tuesday's earthquake.") is None
    assert clean_sentence("Analysts said the aid would take weeks to reach the towns in the west.") is not None

def _sentence(doc, pub, text, day=None, refs=(), pos=1, named=None):
    """A sentence of document ``doc``; by default it names every day it refers to in its own words."""
    from desktop_app.core.happenings.day_sentences import DaySentence
    from desktop_app.core.happenings.summary_text import content_words
    return DaySentence(doc, 0, len(text), text, pub, rows=[doc], pos=pos, day=day, refs=set(refs),
                       named=set(refs if named is None else named), words=content_words(text),
                       line=clean_sentence(text))


def test_a_day_later_reports_refer_back_to_outranks_a_day_as_busy_with_reporting_and_off_story_days_do_not_count():
    from desktop_app.core.happenings.key_dates import rank_days, story_words
    story = "Rebels seized the port of Adria"
    sentences = [
        # Day 104: named by two documents published later (days 106 and 108).
        _sentence(1, 106, f"{story} on 5 May after a week of fighting.", day=104, refs=[104]),
        _sentence(2, 108, f"{story} on 5 May, the army admitted.", day=104, refs=[104]),
        # Day 103: as many documents, published on it, naming no other day.
        *[_sentence(10 + i, 103, f"{story} and now hold the harbour and its cranes.") for i in range(2)],
        # Day 105: named three times, by sentences about something else.
        *[_sentence(20 + i, None, "The radio schedule lists a concert on 6 May at the city hall.", refs=[105])
          for i in range(3)],
    ]
    words = story_words(sentences, 3)
    ranked = rank_days(sentences, words)
    assert ranked[:2] == [104, 103] and 105 not in ranked


def test_a_day_named_by_many_documents_outranks_a_day_one_long_article_names_again_and_again():
    from desktop_app.core.happenings.key_dates import rank_days, story_words
    story = "Rebels seized the port of Adria"
    sentences = [
        # Day 110: one long article (published on day 115) names it in twenty sentences.
        *[_sentence(1, 115, f"{story} on 11 May, witness {i} said.", day=110, refs=[110]) for i in range(20)],
        # Day 112: three documents published later name it once each.
        *[_sentence(2 + i, 130 + i, f"{story} on 13 May, the army admitted.", day=112, refs=[112])
          for i in range(3)],
    ]
    assert rank_days(sentences, story_words(sentences, 3))[:2] == [112, 110]


def test_an_article_naming_its_own_day_counts_once_and_a_date_carried_from_another_sentence_not_at_all():
    from desktop_app.core.happenings.key_dates import rank_days, story_words
    story = "Rebels seized the port of Adria"
    sentences = [
        # Day 120: two articles published on it, each naming it twice ("on Monday" in Monday's paper).
        *[_sentence(1 + i, 120, f"{story} on Monday, officials said.", day=120, refs=[120]) for i in range(2)],
        *[_sentence(1 + i, 120, f"{story} on Monday and the harbour.", day=120, refs=[120]) for i in range(2)],
        # Day 118: three articles published before it announce it.
        *[_sentence(5 + i, 110 + i, f"{story} and talks open on 19 May.", day=118, refs=[118]) for i in range(3)],
        # Day 119: four later articles whose events carry day 119 over from another sentence,
        # none naming it in its own words.
        *[_sentence(10 + i, None, f"{story} and the harbour cranes.", day=119, refs=[119], named=())
          for i in range(4)],
    ]
    ranked = rank_days(sentences, story_words(sentences, 3))
    assert ranked[:2] == [118, 120]
    assert 119 not in ranked


def test_a_document_counts_for_the_days_it_is_published_on_or_names_as_far_as_it_is_about_the_story():
    from desktop_app.core.happenings.key_dates import day_scores, rank_days, story_words
    story = "Rebels seized the port of Adria"
    delegates = "Party delegates cheered the budget speech number"
    sentences = [
        # Day 130: two articles about the story.
        *[_sentence(1 + i, 130, f"{story} and now hold the harbour.") for i in range(2)],
        # Day 131: three round-ups published on it, each naming the story in one sentence of four.
        *[s for i in range(3) for s in (
            _sentence(10 + i, 131, f"{story}, the round-up notes."),
            *[_sentence(10 + i, 131, f"{delegates} {j}.") for j in range(3)])],
        # Day 125: named by one later article about the story; day 126 by one later round-up.
        _sentence(20, 140, f"{story} on 6 May.", day=125, refs=[125]),
        _sentence(21, 140, f"{story} on 7 May, the round-up recalls.", day=126, refs=[126]),
        *[_sentence(21, 140, f"{delegates} {j}.") for j in range(3)],
    ]
    words = story_words(sentences, 3)
    scores = day_scores(sentences, words, censored=False)
    assert scores[130] == 2.0 and scores[131] == 0.75
    assert scores[125] == 1.5 and scores[126] == 1.5 * 0.25
    ranked = rank_days(sentences, words)
    assert ranked.index(130) < ranked.index(131) and ranked.index(125) < ranked.index(126)


def _refer_back_corpus(last_day_docs):
    """Days 100-111, two reports a day, each naming the day two days before it; then the last
    day, 112, with ``last_day_docs`` reports, two naming day 110 (the references back to 111
    and 112 would come after the end)."""
    story = "Rebels seized the port of Adria"
    sentences, doc = [], 0
    for day in range(100, 112):
        for _ in range(2):
            back = [day - 2] if day >= 102 else []
            sentences.append(_sentence(doc, day, f"{story} and hold the harbour.", refs=back))
            doc += 1
    for i in range(last_day_docs):
        sentences.append(_sentence(doc, 112, f"{story} and hold the harbour.", refs=[110] if i < 2 else []))
        doc += 1
    return sentences


def test_the_last_days_of_a_collection_are_credited_the_references_back_it_ends_too_soon_to_hold():
    from desktop_app.core.happenings.key_dates import day_scores, rank_days, story_words
    sentences = _refer_back_corpus(4)
    words = story_words(sentences, 3)
    observed = day_scores(sentences, words, censored=False)
    # Observed, the busiest day (four reports) loses to every ordinary day named back twice.
    assert observed[112] == 4.0 and observed[105] == 2 + 2 * 1.5
    scores = day_scores(sentences, words)
    # References back come two days later here: a day's are 1.5 times its reports, so the last
    # day expects 6 more, the day before it 3 (its two reports), and days named back gain nothing.
    assert scores[112] == 4.0 + 6.0 and scores[111] == 2.0 + 3.0 and scores[105] == observed[105]
    assert rank_days(sentences, words)[0] == 112


def test_too_few_references_back_to_learn_from_add_nothing():
    from desktop_app.core.happenings.key_dates import day_scores, story_words
    sentences = [s for s in _refer_back_corpus(4) if s.pub >= 109]   # 8 references back
    words = story_words(sentences, 3)
    assert day_scores(sentences, words) == day_scores(sentences, words, censored=False)


def test_day_sentences_name_only_the_days_a_sentence_writes(tmp_path):
    from desktop_app.cli.common import load_and_extract
    from desktop_app.core.happenings import with_happenings
    from desktop_app.core.happenings.day_sentences import day_sentences
    from desktop_app.core.happenings.records import day_iso
    (tmp_path / "a.txt").write_text(
        "Police in Bergen arrested Lena Ford on Friday, April 2, after a long inquiry into the bank.\n"
        "She was taken to the central police station and questioned for six hours by detectives.\n",
        encoding="utf-8")
    (tmp_path / "a.txt.meta.json").write_text(json.dumps({"dct": "2021-04-06"}))
    corpus = with_happenings(load_and_extract([str(tmp_path)], None))
    first, second = day_sentences(corpus, corpus.happenings)
    assert [day_iso(d) for d in first.named] == ["2021-04-02"]
    # The second sentence's event is dated to the Friday of the first; it names no day itself.
    assert [day_iso(d) for d in second.refs] == ["2021-04-02"] and not second.named


def test_day_lines_are_the_most_central_sentences_and_never_repeat_a_line_or_a_happening():
    from desktop_app.core.happenings.day_summary import DaySummarizer, SentenceVectors
    shared = "Rebels seized the port of Adria and its harbour cranes on Saturday"
    day1 = [_sentence(1, 100, shared + ", officials said."),
            _sentence(2, 100, shared + ", the army said."),
            _sentence(3, 100, "A football match in the north was postponed because of heavy rain.")]
    day2 = [_sentence(4, 101, shared + ", witnesses said."),
            _sentence(5, 101, "Ministers met in the capital to discuss a ceasefire with the rebels.")]
    happening_of = {1: {7}, 2: {7}, 3: {8}, 4: {7}, 5: {9}}
    summarizer = DaySummarizer(SentenceVectors(day1 + day2), lambda s: happening_of[s.doc])
    first = summarizer.lines(day1, 2)
    assert first[0].doc in (1, 2) and len(first) == 2 and first[1].doc == 3     # happening 7 told once
    second = summarizer.lines(day2, 2)
    assert [s.doc for s in second] == [5]                   # the same news again is not a new line
