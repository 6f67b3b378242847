from sahifa.search import engine


def test_smoke(write):
    a = write("Elections in Kyrgyzstan", "Voters went to the polls on Sunday.", lead="Ink at polls")
    b = write("Football club wins league", "The striker scored twice.")
    d = write("Election draft", "Not yet", live=False)
    assert engine.search("en", "election").ids == [a.pk]
    assert engine.search("en", "elektions").ids == [a.pk]
    assert engine.search("en", "kyrgystan voters").ids == [a.pk]
    assert engine.search("en", '"scored twice"').ids == [b.pk]
    assert d.pk in engine.newsroom_ids("election")
