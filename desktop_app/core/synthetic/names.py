"""Name parts for synthetic actors: people, organizations, groups, media, places.

The lists are generic and world-wide so generated corpora look like news
without copying any real article; actors are built by combining parts, which
gives tens of thousands of distinct, plausible names from a few hundred words.
"""
from __future__ import annotations

import random

FIRST_NAMES = (
    "Adam", "Aisha", "Alan", "Alice", "Amir", "Ana", "Andrei", "Anna", "Arjun", "Beatriz", "Ben", "Carlos",
    "Carmen", "Chen", "Claire", "Daniel", "David", "Diego", "Elena", "Emma", "Farid", "Fatima", "Felix",
    "Gabriel", "Grace", "Hana", "Hassan", "Helen", "Hugo", "Ibrahim", "Ines", "Isabel", "Ivan", "Jacob",
    "James", "Jana", "Javier", "John", "Jorge", "Julia", "Karim", "Kate", "Kenji", "Laura", "Leila", "Li",
    "Lucas", "Luis", "Maria", "Mark", "Marta", "Matteo", "Mei", "Michael", "Miguel", "Mina", "Nadia",
    "Nikolai", "Nina", "Noah", "Olga", "Omar", "Oscar", "Paolo", "Paul", "Pedro", "Peter", "Rafael", "Rahul",
    "Rosa", "Ruth", "Samir", "Sara", "Sergei", "Sofia", "Stefan", "Tariq", "Thomas", "Tomas", "Victor",
    "Viktor", "Wei", "William", "Yara", "Yusuf", "Zara", "Zoran", "Agnes", "Boris", "Dmitri", "Elif",
    "Goran", "Hiroshi", "Jamal", "Kofi", "Lars", "Malik", "Nour", "Pavel", "Rania", "Selin", "Tendai",
)
LAST_NAMES = (
    "Abbott", "Adeyemi", "Alvarez", "Andersen", "Baker", "Barros", "Becker", "Bianchi", "Brennan", "Castillo",
    "Chandra", "Costa", "Cruz", "Dahl", "Delgado", "Dimitrov", "Duarte", "Eriksen", "Fischer", "Fleming",
    "Fonseca", "Garcia", "Gomez", "Grant", "Haddad", "Hansen", "Harper", "Horvath", "Ibarra", "Ivanov",
    "Jensen", "Kader", "Kaplan", "Keller", "Khalil", "Kowalski", "Kruger", "Lambert", "Larsen", "Lindqvist",
    "Lopez", "Madsen", "Mahmoud", "Marino", "Mendes", "Moreau", "Morozov", "Nakamura", "Navarro", "Nielsen",
    "Novak", "Okafor", "Olsen", "Ortega", "Osei", "Pereira", "Petrov", "Popescu", "Quinn", "Ramos", "Reyes",
    "Richter", "Romano", "Rossi", "Salazar", "Santos", "Schmidt", "Serrano", "Silva", "Sokolov", "Sorensen",
    "Suzuki", "Tanaka", "Torres", "Vargas", "Vasquez", "Volkov", "Wagner", "Walsh", "Weber", "Yilmaz",
    "Zimmermann", "Andrade", "Balogun", "Conti", "Demir", "Esposito", "Ferreira", "Galvez", "Hoffmann",
    "Jovanovic", "Kimura", "Lindgren", "Mensah", "Nowak", "Ozturk", "Pavlov", "Rahman", "Sato", "Toth",
)
# Titles that open a person's first mention; news style names a role first.
ROLES = (
    "Minister", "Deputy Minister", "President", "Prime Minister", "General", "Colonel", "Senator", "Governor",
    "Mayor", "Ambassador", "Judge", "Prosecutor", "Commissioner", "Director",
)
ORG_THEMES = (
    "Finance", "Defence", "Interior", "Justice", "Energy", "Transport", "Health", "Education", "Trade",
    "Agriculture", "Labour", "Security", "Foreign Affairs", "Customs", "Water", "Mining", "Tourism",
    "Communications", "Statistics", "Environment", "Housing", "Migration", "Culture", "Industry",
)
# The agency word decides how the theme reads: "Ministry of Finance", "Finance Commission".
ORG_PATTERNS = (
    "Ministry of {t}", "{t} Ministry", "National {t} Agency", "{t} Commission", "State {t} Committee",
    "{t} Council", "Department of {t}", "{t} Authority", "Federal {t} Service", "{t} Institute",
    "{p} {t} Bureau", "{p} Chamber of {t}",
)
GROUP_STEMS = (
    "Liberation", "Unity", "Renewal", "Freedom", "Justice", "Solidarity", "Dawn", "Resistance", "Progress",
    "Green", "Workers", "Farmers", "Students", "Veterans", "Mothers", "Citizens", "Reform", "Patriots",
)
GROUP_PATTERNS = (
    "{s} Front", "{s} Movement", "{s} Party", "{s} Brotherhood", "{p} {s} Union", "{s} Alliance",
    "{s} League", "{p} {s} Association",
)
MEDIA_PATTERNS = (
    "The {p} Herald", "{p} Times", "{p} News Agency", "{p} Daily", "The {p} Observer", "{p} Radio",
    "{p} Television", "The {p} Gazette", "{p} Press Service", "{p} Telegraph",
)
PLACES = (
    "Lisbon", "Madrid", "Paris", "Berlin", "Warsaw", "Prague", "Vienna", "Budapest", "Bucharest", "Sofia",
    "Athens", "Ankara", "Istanbul", "Cairo", "Tunis", "Algiers", "Rabat", "Dakar", "Lagos", "Accra",
    "Nairobi", "Kampala", "Addis Ababa", "Khartoum", "Amman", "Beirut", "Baghdad", "Tehran", "Riyadh",
    "Doha", "Muscat", "Karachi", "Lahore", "Delhi", "Mumbai", "Dhaka", "Colombo", "Kathmandu", "Bangkok",
    "Hanoi", "Manila", "Jakarta", "Seoul", "Tokyo", "Osaka", "Beijing", "Shanghai", "Sydney", "Auckland",
    "Lima", "Quito", "Bogota", "Caracas", "Santiago", "Montevideo", "Havana", "Mexico City", "Toronto",
    "Chicago", "Boston", "Denver", "Oslo", "Stockholm", "Helsinki", "Copenhagen", "Dublin", "Edinburgh",
    "Brussels", "Geneva", "Milan", "Naples", "Zagreb", "Belgrade", "Sarajevo", "Skopje", "Tirana", "Riga",
    "Vilnius", "Tallinn", "Minsk", "Kyiv", "Odesa", "Tbilisi", "Yerevan", "Baku",
    "Portugal", "Spain", "France", "Germany", "Poland", "Austria", "Hungary", "Romania", "Bulgaria", "Greece",
    "Turkey", "Egypt", "Tunisia", "Morocco", "Senegal", "Nigeria", "Ghana", "Kenya", "Uganda", "Ethiopia",
    "Sudan", "Jordan", "Lebanon", "Iraq", "Iran", "Oman", "Pakistan", "India", "Bangladesh", "Nepal",
    "Thailand", "Vietnam", "Indonesia", "Japan", "Australia", "Peru", "Ecuador", "Colombia", "Venezuela",
    "Chile", "Uruguay", "Cuba", "Mexico", "Canada", "Norway", "Sweden", "Finland", "Denmark", "Ireland",
    "Belgium", "Switzerland", "Italy", "Croatia", "Serbia", "Latvia", "Lithuania", "Estonia", "Georgia",
    "Armenia",
)
# Short adjectives used in org/media names instead of places, so names do not collide with the place list.
QUALIFIERS = (
    "Northern", "Southern", "Eastern", "Western", "Central", "Coastal", "Highland", "Valley", "River", "Capital",
    "Metropolitan", "Continental", "Atlantic", "Pacific", "Baltic", "Danube", "Andean", "Alpine", "Delta",
)

ACTOR_TYPE_SHARES = (("person", 0.46), ("organization", 0.24), ("group", 0.1), ("media", 0.1), ("location", 0.1))


def _person(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if rng.random() < 0.2:
        return f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}. {last}"
    return f"{first} {last}"


def _organization(rng: random.Random) -> str:
    return rng.choice(ORG_PATTERNS).format(t=rng.choice(ORG_THEMES), p=rng.choice(QUALIFIERS))


def _group(rng: random.Random) -> str:
    return rng.choice(GROUP_PATTERNS).format(s=rng.choice(GROUP_STEMS), p=rng.choice(QUALIFIERS))


def _media(rng: random.Random) -> str:
    return rng.choice(MEDIA_PATTERNS).format(p=rng.choice(PLACES + QUALIFIERS))


LOCATION_PATTERNS = ("{p}", "{p}", "{p} Province", "{p} District", "{q} {p}", "Port of {p}", "{p} Valley")


def _location(rng: random.Random) -> str:
    return rng.choice(LOCATION_PATTERNS).format(p=rng.choice(PLACES), q=rng.choice(QUALIFIERS))


_MAKERS = {"person": _person, "organization": _organization, "group": _group, "media": _media,
           "location": _location}


class NameMaker:
    """Hands out distinct names per actor type; falls back to numbered variants when a pool runs dry."""

    def __init__(self, rng: random.Random):
        self._rng = rng
        self._used: set[str] = set()

    def make(self, kind: str) -> str:
        maker = _MAKERS[kind]
        for _ in range(40):
            name = maker(self._rng)
            if name not in self._used:
                self._used.add(name)
                return name
        # The combinatorial pool is exhausted (tens of thousands of actors of one kind): add a
        # distinguishing word rather than repeat a name, which would merge two actors.
        n = 2
        while True:
            name = f"{maker(self._rng)} {_ordinal_word(n)}"
            if name not in self._used:
                self._used.add(name)
                return name
            n += 1


def _ordinal_word(n: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = letters[r] + out
    return out
