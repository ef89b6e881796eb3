def test_sentences_headline_is_its_own_sentence(nlp) -> None:
    doc = nlp("Hamas treats wounded fighters, sources say\nHamas has been treating fighters in Gaza, a report said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Hamas treats wounded fighters, sources say"


def test_sentences_rank_abbreviation_does_not_end_sentence(nlp) -> None:
    doc = nlp("In February, Maj.-Gen. Yoav Mordechai told the news site Elaph that Hamas was helping the group.")
    assert len(list(doc.sents)) == 1
    assert any(t.text == "Maj.-Gen." for t in doc)


def test_sentences_long_run_is_cut_at_a_soft_break(nlp) -> None:
    from tidings.pipeline.sentences import MAX_SENTENCE_TOKENS, mark_line_breaks

    words = " ".join(f"w{k}" + ("," if k == 150 else "") for k in range(MAX_SENTENCE_TOKENS + 20))
    doc = mark_line_breaks(nlp.make_doc(words + "\nNext line"))
    comma = next(t.i for t in doc if t.text == ",")
    newline = next(t.i for t in doc if "\n" in t.text)
    assert [t.i for t in doc if t.is_sent_start and t.i > 0] == [comma + 1, newline + 1]
