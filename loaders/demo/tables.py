"""Names and words of the fictional demo agency (see :mod:`loaders.demo.agency`). Pure data.

Everything here is invented: the agency, its departments, units and people.
"""

from __future__ import annotations

AGENCY = "Myndigheten för digital förvaltning"

# Departments and their units (avdelningar och enheter), 8 departments, 30 units.
ORGANISATION: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Avdelningen för digital service", (
        "Enheten för e-tjänster", "Ansökningsenheten", "Kundcenter",
        "Enheten för användbarhet och tillgänglighet", "Enheten för digitala identiteter")),
    ("Analysavdelningen", (
        "Enheten för statistik", "Enheten för omvärldsanalys", "Enheten för utvärdering",
        "Enheten för öppna data")),
    ("Ekonomi- och styrningsavdelningen", (
        "Ekonomienheten", "Planerings- och uppföljningsenheten", "Upphandlingsenheten")),
    ("HR-avdelningen", (
        "Enheten för kompetensförsörjning", "Enheten för arbetsmiljö och hälsa", "Löneenheten")),
    ("IT-avdelningen", (
        "Enheten för drift och infrastruktur", "Enheten för systemutveckling",
        "Enheten för IT-support", "Enheten för informationssäkerhet", "Arkitekturenheten")),
    ("Kommunikationsavdelningen", (
        "Enheten för extern kommunikation", "Enheten för webb och intern kommunikation",
        "Enheten för språk och klarspråk")),
    ("Rättsavdelningen", (
        "Enheten för juridiskt stöd", "Enheten för föreskrifter", "Enheten för dataskydd")),
    ("Avdelningen för verksamhetsstöd", (
        "Enheten för lokaler och säkerhet", "Registratur och arkiv", "Enheten för intern service",
        "Enheten för informationsförvaltning")),
)

FIRST_NAMES: tuple[str, ...] = (
    "Anna", "Björn", "Cecilia", "David", "Elin", "Fredrik", "Gunilla", "Håkan", "Ingrid",
    "Jonas", "Karin", "Lars", "Maria", "Niklas", "Olof", "Petra", "Sofia", "Torbjörn", "Ulla",
    "Viktor", "Åsa", "Örjan", "Märta", "Göran", "Linnéa", "Mattias", "Helén", "Sören",
    "Birgitta", "Mikael", "Johanna", "Per", "Ebba", "Åke", "Lena", "Stefan", "Hanna", "Kjell",
    "Agnes", "Jörgen",
)
LAST_NAMES: tuple[str, ...] = (
    "Andersson", "Bergström", "Carlsson", "Dahlgren", "Ekström", "Forsberg", "Gustafsson",
    "Hägglund", "Isaksson", "Johansson", "Kjellberg", "Lindqvist", "Löfgren", "Mårtensson",
    "Nordström", "Öberg", "Persson", "Qvarnström", "Rosén", "Sjöberg", "Törnqvist", "Wallén",
    "Åberg", "Ångström", "Söderberg", "Björklund", "Hedlund", "Strömberg", "Nyström",
    "Sandström", "Lundgren", "Ekholm", "Näslund", "Östlund", "Jönsson", "Håkansson",
    "Blomqvist", "Engström", "Säfström", "Fältskog",
)

# Result areas -> goals -> (home departments by index in ORGANISATION, objects of action).
RESULT_AREAS: tuple[tuple[str, tuple[tuple[str, tuple[int, ...], tuple[str, ...]], ...]], ...] = (
    ("Modern myndighet", (
        ("Attraktiv arbetsplats", (3, 7), (
            "ledarskapsprogram för chefer", "introduktion för nyanställda",
            "hälsofrämjande insatser", "medarbetarundersökningen", "kompetensplaner per enhet")),
        ("Enkla och smarta arbetsprocesser", (2, 4, 7), (
            "e-arkiv och e-diarium", "digital fakturahantering", "processen för upphandling",
            "styrning och uppföljning", "automatiserad ärendefördelning")),
    )),
    ("Digital service för alla", (
        ("Fler digitala ansökningar", (0,), (
            "e-tjänst för bidragsansökan", "digital ansökan om tillstånd",
            "mobilanpassad ansökningstjänst", "digital ansökan via ombud",
            "e-tjänsten Mina sidor")),
        ("Tillgängliga e-tjänster", (0, 5), (
            "tillgänglighetsgranskning av e-tjänster", "klarspråk i beslutsbrev",
            "stöd på lättläst svenska", "tolkning och teckenspråk i kundcenter",
            "webbplatsens struktur och sök")),
        ("Kortare handläggningstider", (0, 6), (
            "handläggningsstöd för ansökningar", "rutiner för komplettering",
            "regelförenkling i föreskrifterna", "prioritering av ärendebalanser",
            "beslutsmallar i ärendesystemet")),
    )),
    ("Effektiv offentlig förvaltning", (
        ("Gemensam digital infrastruktur", (4, 0), (
            "säker digital post", "e-legitimation för medarbetare", "gemensam API-plattform",
            "molntjänster för staten", "grunddata om adresser")),
        ("Öppna data och informationsutbyte", (1, 6), (
            "publicering av öppna data", "informationsutbyte med kommunerna",
            "begreppskatalog för förvaltningen", "juridiskt stöd för datadelning",
            "dataskyddsbedömningar")),
    )),
    ("Säker och hållbar informationshantering", (
        ("Stärkt informationssäkerhet", (4, 6), (
            "ledningssystem för informationssäkerhet", "incidenthantering", "behörighetsstyrning",
            "kontinuitetsplanering", "säkerhetsskyddsanalys")),
        ("Hållbar it-drift", (4, 7), (
            "livscykelhantering av it-system", "energieffektiv serverdrift",
            "avveckling av äldre system", "övervakning av driften", "licenshantering")),
    )),
    ("Kunskap och analys", (
        ("Träffsäkra analyser", (1,), (
            "analys av digitaliseringens effekter", "kostnadsjämförelser mellan myndigheter",
            "omvärldsbevakning", "prognosmodell för ärendeinflöde", "statistik om e-tjänster")),
        ("Uppföljning av digitaliseringen", (1, 2), (
            "uppföljning av digitaliseringsstrategin", "indikatorer för digital mognad",
            "enkät till kommuner och regioner", "rapport om digital förvaltning",
            "uppföljning av myndighetens mål")),
    )),
)

VERBS: tuple[str, ...] = ("Utveckla", "Införa", "Förbättra", "Utvärdera", "Effektivisera")
GOVERNMENT_VERBS: tuple[str, ...] = (
    "Uppdrag att utveckla", "Uppdrag att främja", "Uppdrag att samordna",
    "Uppdrag om",
)
PHASES: tuple[str, ...] = ("", " – etapp 2", " – förstudie", " – införande", " – uppföljning")

COMMENTS: dict[str, tuple[str, ...]] = {
    "green": (
        "Arbetet går enligt plan.", "Delrapport lämnad i tid.", "Leveransen följer tidplanen.",
        "Projektgruppen är bemannad och arbetet har startat.",
        "Samråd med berörda myndigheter är genomfört.",
    ),
    "yellow": (
        "Förseningar i upphandlingen påverkar tidplanen.",
        "Resursbrist under våren; omprioritering pågår.",
        "Beroende av leverans från IT-avdelningen som är försenad.",
        "Kravställningen tog längre tid än beräknat; tidplanen ses över.",
        "Sjukskrivning i projektgruppen; ersättare rekryteras.",
        "Oklar finansiering av nästa etapp; dialog med ledningen pågår.",
        "Remissvaren kräver mer analys än planerat.",
    ),
    "red": (
        "Tidplanen håller inte; en ny plan tas fram till ledningsgruppen.",
        "Leverantören har inte levererat enligt avtal; åtgärder utreds.",
        "Nyckelkompetens saknas; uppdraget kan inte slutföras utan förstärkning.",
        "Rättsliga hinder för datadelning; frågan lyfts till departementet.",
    ),
    "completed": (
        "Slutrapport överlämnad.", "Uppdraget är slutredovisat till Regeringskansliet.",
        "Levererat och överlämnat till förvaltning.", "Avslutat enligt plan.",
    ),
    "cancelled": (
        "Avbrutet efter beslut i ledningsgruppen.",
        "Avbrutet; ersätts av ett gemensamt uppdrag med andra myndigheter.",
        "Avbrutet på grund av ändrade prioriteringar.",
    ),
}

# Cost categories (Post) and their full-year budget per employee, in tkr (low, high).
COST_CATEGORIES: tuple[tuple[str, float, float], ...] = (
    ("Personal", 640.0, 720.0),
    ("Lokaler", 70.0, 110.0),
    ("Övrigt", 90.0, 220.0),
)

# Key figures: name, unit of measure, direction, target, yellow tolerance,
# value in 2017-T1, change per tertial, noise, per-unit rows for the service department.
KEY_FIGURES: tuple[tuple[str, str, str, float, float, float, float, float, bool], ...] = (
    ("Handläggningstid ansökningar", "dagar", "lower", 30.0, 0.10, 39.0, -1.6, 0.8, True),
    ("Andel beslut inom 90 dagar", "%", "higher", 95.0, 0.05, 84.0, 0.8, 0.6, True),
    ("Svarstid IT-support", "timmar", "lower", 8.0, 0.25, 11.5, -0.9, 0.3, False),
    ("Andel digitala ansökningar", "%", "higher", 80.0, 0.10, 66.0, 3.6, 0.5, False),
    ("Nöjd kund-index e-tjänster", "index", "higher", 75.0, 0.10, 72.0, 1.0, 0.5, False),
    ("Andel fakturor betalda i tid", "%", "higher", 97.0, 0.03, 97.0, 0.2, 0.2, False),
    ("Tillgänglighet e-tjänster", "%", "higher", 99.5, 0.01, 99.6, 0.0, 0.1, False),
)

# Ministries giving the demo agency government assignments: (name, register prefix, weight,
# the offices that write the register numbers). Most come from its own ministry.
MINISTRIES: tuple[tuple[str, str, float, tuple[str, ...]], ...] = (
    ("Näringsdepartementet", "N", 0.70, ("RTS", "FÖF", "IF")),
    ("Finansdepartementet", "Fi", 0.15, ("SFÖ", "BA")),
    ("Infrastrukturdepartementet", "I", 0.08, ("DF",)),
    ("Socialdepartementet", "S", 0.07, ("FS",)),
)
LATE_REPORT_COMMENT = ("Redovisningen till regeringen är försenad: underlaget från "
                       "kommunerna kom sent. Departementet är informerat.")
