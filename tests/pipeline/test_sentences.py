def test_sentences_headline_is_its_own_sentence(nlp) -> None:
    doc = nlp("Hamas treats wounded fighters, sources say\nHamas has been treating fighters in Gaza, a report said.")
    sentences = [s.text.strip() for s in doc.sents]
    assert sentences[0] == "Hamas treats wounded fighters, sources say"


def test_sentences_rank_abbreviation_does_not_end_sentence(nlp) -> None:
    doc = nlp("In February, Maj.-Gen. Yoav Mordechai told the news site Elaph that Hamas was helping the group.")
    assert len(list(doc.sents)) == 1
    assert any(t.text == "Maj.-Gen." for t in doc)
