"""Context words that tell what kind of actor a name is.

Kept apart from the name finder so both the finder and the alias resolver
read the same vocabulary.
"""
from __future__ import annotations

import re

# Lower-case nouns right after a name that give its type: "Karavan newspaper".
FOLLOWING_NOUN = {
    "newspaper": "media", "daily": "media", "weekly": "media", "magazine": "media",
    "news": "media", "agency": "media", "television": "media", "tv": "media",
    "radio": "media", "channel": "media", "website": "media", "broadcaster": "media",
    "group": "group", "gang": "group", "clan": "group", "cartel": "group", "mafia": "group",
    "syndicate": "group", "militia": "group", "brigade": "group", "faction": "group",
    "company": "organization", "corporation": "organization", "firm": "organization",
    "bank": "organization", "party": "organization", "movement": "organization",
    "association": "organization", "foundation": "organization", "organization": "organization",
    "organisation": "organization", "union": "organization", "ministry": "organization",
    "family": "group", "centre": "organization", "center": "organization",
    "institute": "organization", "network": "organization",
}
# Plural nouns closing a coordinated list: "the A, B and C organized criminal groups".
PLURAL_NOUN = {
    "groups": "group", "gangs": "group", "clans": "group", "cartels": "group",
    "families": "group", "militias": "group", "factions": "group", "brigades": "group",
    "syndicates": "group", "companies": "organization", "firms": "organization",
    "banks": "organization", "parties": "organization", "organizations": "organization",
    "organisations": "organization", "movements": "organization", "newspapers": "media",
    "agencies": "organization", "associations": "organization", "unions": "organization",
}
# Words that make a "group"/"organization" noun criminal or armed.
_CRIMINAL_WORDS = ("crim*", "gang*", "mafia*", "mob", "racket*", "drug*", "traffick*", "armed", "militant*",
                   "rebel*", "insurgen*", "terror*", "extremist*", "jihad*", "extortion", "smuggl*", "cartel*",
                   "paramilitar*", "guerrilla*", "bandit*")     # "*": any word ending
CRIMINAL = re.compile(r"\b(?:" + "|".join(w.replace("*", r"\w*") for w in _CRIMINAL_WORDS) + r")\b", re.I)
_CRIMINAL_STEMS = tuple(w.rstrip("*") for w in _CRIMINAL_WORDS)


def has_criminal_word(text: str) -> bool:
    """``CRIMINAL.search(text)``, fast: a match starts where one of the stems is written, so in
    an ASCII text (where ignoring case is lower-casing) the pattern is tried only there, not at
    every word of the text."""
    if not text.isascii():
        return CRIMINAL.search(text) is not None
    low = text.lower()
    match = CRIMINAL.match
    for stem in _CRIMINAL_STEMS:
        at = low.find(stem)
        while at >= 0:
            if match(text, at):
                return True
            at = low.find(stem, at + 1)
    return False
# Nouns that, as an apposition or before a quoted name, type it: "a group known as “X”".
APPOSITION_NOUN = {
    "group": "group", "gang": "group", "clan": "group", "cartel": "group", "militia": "group",
    "association": "organization", "organization": "organization", "organisation": "organization",
    "party": "organization", "movement": "organization", "company": "organization",
    "firm": "organization", "union": "organization", "foundation": "organization",
    "agency": "organization", "ngo": "organization", "newspaper": "media", "daily": "media",
    "weekly": "media", "magazine": "media", "broadcaster": "media", "channel": "media",
    "city": "location", "town": "location", "village": "location", "region": "location",
    "province": "location", "country": "location", "capital": "location",
}
# Lower-case words that, following a name and a comma, open a role apposition.
ROLE_NOUN = {
    "head", "chief", "director", "chairman", "chairwoman", "chair", "member", "spokesman",
    "spokeswoman", "spokesperson", "minister", "leader", "officer", "commander", "president",
    "secretary", "official", "employee", "founder", "owner", "editor", "correspondent",
    "professor", "deputy", "governor", "mayor", "ambassador", "judge", "prosecutor",
    "lawyer", "attorney", "adviser", "advisor", "aide", "analyst", "expert", "researcher",
    "executive", "manager", "general", "colonel", "captain", "activist", "journalist",
    "reporter", "businessman", "businesswoman", "politician", "senator", "deputy",
    "investigator", "inspector", "agent", "representative", "envoy", "candidate", "son",
    "daughter", "wife", "husband", "brother", "sister", "father", "mother", "resident",
    "citizen", "student", "doctor", "obstetrician", "priest", "chairperson", "vice",
    "coordinator", "commissioner", "akim", "mullah", "imam", "speaker", "clerk", "worker",
    "founder", "partner", "lieutenant", "sergeant", "major", "soldier", "economist",
}
ROLE_MODIFIERS = {"a", "an", "the", "first", "deputy", "senior", "former", "acting", "chief",
                  "vice", "executive", "regional", "local", "assistant", "general", "its", "their",
                  "his", "her", "top", "leading", "prominent", "well-known", "retired", "then"}
# Verbs of saying: a bare name before one is a speaker, so a person.
SPEECH = re.compile(r"^\s*(?:said|says|told|added|stated|noted|declared|explained|argued|insisted|warned)\b")
# Lower-case organization nouns that head "the financial police of X region".
LOWER_ORG_HEAD = (
    "police", "prosecutor's office", "prosecutor’s office", "prosecutor-general's office",
    "prosecutor general's office", "procuracy", "ministry", "committee", "court", "customs service",
    "border guard", "border service", "parliament", "administration", "department", "agency",
    "security service", "tax service", "tax committee", "city council", "council", "akimat",
    "branch", "directorate", "office", "prison", "garrison", "army", "government",
)
# Lower-case facility nouns closing "the <Name> electric power station".
FACILITY_HEAD = (
    "station", "plant", "factory", "mine", "refinery", "port", "airport", "company",
    "bank", "prison", "hospital", "university", "base", "dam", "combine", "works",
    "mill", "pipeline", "railway", "airline", "holding", "corporation", "enterprise",
    "facility", "terminal", "market", "school", "institute", "newspaper",
)
REGION_NOUN = ("region", "province", "oblast", "district", "county", "prefecture", "governorate")
MONTHS = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\b|\b\d{4}\b|\b\d{1,2}/\d{1,2}\b")
