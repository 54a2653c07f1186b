"""Names of diseases and pathogens: what happens to actors, never an actor.

Capitalised in headlines and written like acronyms, "Swine Flu", "H1N1", "A/H1N1", "H5N1 Avian
Flu" and "West Nile Virus" were read as organizations and became the busiest node of a pandemic's
network. A name is a disease's when its head (its last word) is a noun for a disease or a
pathogen ("flu", "influenza", "virus", "fever", "syndrome", ...), or when one of its words is a
strain code: letters and digits alternating at least twice ("H1N1", "H5N1", "H3N2"), which names
a subtype, never a body (bodies' codes are one letter and a number: "G8", "3M"). A body named for
a disease keeps its own head ("World Influenza Centre", "Influenza Division").
"""
from __future__ import annotations

import re

_DISEASE_HEADS = {"flu", "influenza", "virus", "viruses", "fever", "disease", "syndrome", "pox", "plague",
                  "infection", "pneumonia", "measles", "mumps", "cholera", "malaria", "tuberculosis", "hepatitis",
                  "encephalitis", "meningitis", "strain"}
_STRAIN_CODE = re.compile(r"(?:[A-Za-z]+\d+){2,}[A-Za-z]*")


def is_disease_name(name: str) -> bool:
    words = re.split(r"[\s/-]+", name.strip())
    if not words or not words[-1]:
        return False
    if words[-1].lower().strip(".,'’") in _DISEASE_HEADS:
        return True
    return any(_STRAIN_CODE.fullmatch(w) for w in words)
