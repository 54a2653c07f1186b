"""Three short reports for the happening correction tests: two of one arrest (a, b), one of another (c)."""
from desktop_app.core.model import Document

TEXTS = {
    "a": ("Police in Bergen arrested Lena Ford on 2 April 2021.", "Bergen Post"),
    "b": ("Lena Ford was arrested by police in Bergen on April 2.", "Oslo Daily"),
    "c": ("Police in Oslo arrested Jon Berg on 5 April 2021.", "North News"),
}


def report_docs() -> list[Document]:
    return [Document(k, f"{k}.txt", t, publication=p, dct="2021-04-06") for k, (t, p) in TEXTS.items()]


def dated_event(corpus, doc: str):
    """The first dated event of document ``doc``."""
    return next(e for e in corpus.events if e.doc == doc and e.date is not None)
