"""Demo data for cases: a case list with 23 cases across the units, 2–6 updates each.

The cases are written in the voice of the municipality's communication strategy:
whoever sits closest to a case informs about it, examples show innovation and
competence, and every case has assessed its need for communication. A few cases
are left stale, a couple are drafts without an assessment, and some have a high
need without a planned measure, so "my cases" and the communication team's
overview have something to show.

Idempotent: cases and updates are looked up by slug before they are made.
Deterministic: each case draws from its own random generator, seeded from the
command's seed and the case's slug.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail.rich_text import RichText

from cases import services
from cases.models import CaseIndexPage, CasePage, CaseStatus, CaseUpdatePage
from intranet.core.demo import slugify_nb
from intranet.core.demo_images import demo_image
from intranet.core.models import Topic, Unit

INDEX_SLUG = "saker"
INNOVATION, COMPETENCE = "innovation", "competence"


@dataclass(frozen=True)
class DemoUpdate:
    title: str
    intro: str
    text: str
    days_ago: int
    theme: str = ""
    nomination: str = ""


@dataclass(frozen=True)
class DemoCase:
    title: str
    unit: str
    owners: list[str]
    status: str
    summary: str
    topics: list[str]
    tags: list[str]
    need: str
    audiences: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    key_messages: str = ""
    measures: list[tuple[str, int, str, str]] = field(default_factory=list)
    updates: list[DemoUpdate] = field(default_factory=list)
    started_days_ago: int = 120
    ends_in_days: int | None = 180
    publish: bool = True

    @property
    def slug(self) -> str:
        return slugify_nb(self.title)[:80]


U = DemoUpdate

CASES = [
    DemoCase(
        title="Digital hjemmetjeneste",
        unit="Hjemmetjenesten",
        owners=["kari.nordmann", "ola.hansen"],
        status=CaseStatus.ONGOING,
        summary=(
            "Hjemmetjenesten tar i bruk digitalt tilsyn og elektroniske "
            "medisindispensere, så innbyggerne kan bo trygt hjemme lenger og "
            "de ansatte får mer tid til dem som trenger besøk."
        ),
        topics=["Eldreomsorg", "Digitalisering"],
        tags=["velferdsteknologi", "digitalt tilsyn"],
        need="high",
        audiences=["citizens", "staff", "politicians"],
        channels=["website", "intranet", "letter"],
        key_messages=(
            "Digitalt tilsyn erstatter ikke besøk, men gir flere besøk til dem "
            "som trenger det mest."
        ),
        measures=[
            ("Informasjonsbrev til brukere og pårørende", 14, "letter", "citizens"),
            ("Orientering i helse- og omsorgsutvalget", 30, "meeting", "politicians"),
        ],
        updates=[
            U(
                "Oppstart med tre soner",
                "Vi starter med digitalt tilsyn i tre soner i kommunen.",
                "Prosjektgruppen har valgt ut tre soner med ulik bosetting, slik at "
                "vi lærer mest mulig før resten av kommunen følger etter.",
                150,
            ),
            U(
                "Første medisindispensere er på plass",
                "Tjue innbyggere har fått elektronisk medisindispenser.",
                "Dispenserne sier fra når det er tid for medisiner, og varsler "
                "hjemmetjenesten hvis dosen ikke blir tatt.",
                95,
                INNOVATION,
                "Dispenserne frigjør tid til besøk hos dem som trenger det mest, og "
                "vi er tidlig ute på Romerike.",
            ),
            U(
                "Ansatte har fått opplæring",
                "Alle sykepleierne i sonene har gjennomført opplæring.",
                "Opplæringen ble laget av våre egne superbrukere, som nå hjelper "
                "kollegene i hverdagen.",
                60,
                COMPETENCE,
                "Egne ansatte lærer opp kolleger; kompetansen blir værende i kommunen.",
            ),
            U(
                "Pårørende får egen veiledning",
                "Pårørende kan nå følge med i en egen app, om brukeren ønsker det.",
                "Appen viser når medisinen er tatt, og gir beskjed ved avvik.",
                40,
            ),
            U(
                "Erfaringer etter tre måneder",
                "Brukerne er fornøyde, og vi har færre bomturer.",
                "Vi har halvert antall besøk som bare gjelder medisiner. Tiden "
                "brukes på samtaler og oppfølging.",
                12,
            ),
            U(
                "Nabokommuner vil lære av oss",
                "Tre kommuner på Romerike har besøkt hjemmetjenesten.",
                "Vi deler gjerne erfaringene, og har laget en kort veileder.",
                4,
                INNOVATION,
                "Andre kommuner kommer til oss for å lære; det er posisjonen vi "
                "ønsker, fortjent gjennom eksempler.",
            ),
        ],
        started_days_ago=160,
    ),
    DemoCase(
        title="Ny IT-plattform i grunnskolen",
        unit="Grunnskolene",
        owners=["per.johansen", "jonas.moen"],
        status=CaseStatus.ONGOING,
        summary=(
            "Alle skolene får felles læringsplattform og nye elev-PC-er. Målet er "
            "én innlogging for elever, foresatte og lærere."
        ),
        topics=["Skole", "Digitalisering"],
        tags=["læringsplattform", "elev-pc"],
        need="high",
        audiences=["citizens", "staff"],
        channels=["website", "newsletter", "intranet"],
        key_messages="Én innlogging og samme plattform på alle skolene fra høsten.",
        measures=[
            ("Informasjon til foresatte før skolestart", 45, "letter", "citizens")
        ],
        updates=[
            U(
                "Plattformen er valgt",
                "Etter en åpen anbudskonkurranse har vi valgt læringsplattform.",
                "Lærere fra alle skolene var med og testet løsningene.",
                120,
            ),
            U(
                "Lærerne testet i to uker",
                "Tretti lærere har prøvd plattformen i egne klasser.",
                "Tilbakemeldingene er samlet og sendt leverandøren, som har rettet "
                "de viktigste feilene.",
                70,
                COMPETENCE,
                "Lærerne våre formet løsningen før den ble tatt i bruk.",
            ),
            U(
                "Elev-PC-ene er bestilt",
                "1 400 nye PC-er leveres før skolestart.",
                "PC-ene settes opp sentralt, slik at skolene slipper å bruke tid på "
                "det.",
                20,
            ),
        ],
    ),
    DemoCase(
        title="Klimaplan 2030",
        unit="Plan og miljø",
        owners=["sigrid.lie"],
        status=CaseStatus.ONGOING,
        summary=(
            "Kommunen lager ny klimaplan med mål om 50 prosent lavere utslipp "
            "innen 2030. Innbyggere, næringsliv og ansatte inviteres med."
        ),
        topics=["Klima og miljø"],
        tags=["klimaplan", "medvirkning"],
        need="high",
        audiences=["citizens", "businesses", "politicians", "press"],
        channels=["website", "social_media", "press", "meeting"],
        key_messages="Vi halverer utslippene innen 2030, og alle kan bidra.",
        measures=[
            ("Folkemøte om klimaplanen", 21, "meeting", "citizens"),
            ("Pressemelding når planen sendes på høring", 40, "press", "press"),
        ],
        updates=[
            U(
                "Planarbeidet er i gang",
                "Kommunestyret har vedtatt planprogrammet.",
                "Nå samler vi kunnskap om utslippene i kommunen, sektor for sektor.",
                200,
            ),
            U(
                "Klimaregnskapet er klart",
                "Transport står for over halvparten av utslippene.",
                "Tallene viser hvor tiltakene gir mest effekt.",
                130,
            ),
            U(
                "Klimakafé på biblioteket",
                "Femti innbyggere kom med forslag på klimakafeen.",
                "Forslagene om sykkelparkering og delebiler går rett inn i planen.",
                100,
            ),
            U(
                "Innspill fra ungdomsrådet",
                "Ungdomsrådet har levert sine forslag.",
                "Forslagene handler om kollektivtilbud, gjenbruk og grønne "
                "skolegårder.",
                75,
            ),
            U(
                "Høringsutkast på vei",
                "Utkastet legges fram for formannskapet neste måned.",
                "Vi planlegger kommunikasjonen nå, så vi er først ute og setter "
                "dagsorden når planen sendes på høring.",
                9,
            ),
        ],
        started_days_ago=240,
        ends_in_days=120,
    ),
    DemoCase(
        title="Nytt bibliotek på Sørumsand",
        unit="Kultur og bibliotek",
        owners=["lars.haugen", "hilde.strand"],
        status=CaseStatus.ONGOING,
        summary=(
            "Biblioteket flytter inn i nye lokaler i sentrum, med meråpent bibliotek, "
            "makerspace og plass til lag og foreninger."
        ),
        topics=["Bibliotek", "Kultur"],
        tags=["meråpent", "makerspace"],
        need="high",
        audiences=["citizens", "press", "staff"],
        channels=["website", "social_media", "press"],
        key_messages="Et bibliotek som er åpent når innbyggerne har tid.",
        measures=[("Åpningsarrangement og pressevisning", 60, "press", "press")],
        updates=[
            U(
                "Lokalene er valgt",
                "Biblioteket flytter til det gamle bankbygget.",
                "Bygget ligger ved stasjonen og har plass til både bøker og "
                "aktiviteter.",
                180,
            ),
            U(
                "Innbyggerne ønsker seg lengre åpningstider",
                "Over 600 svarte på undersøkelsen om det nye biblioteket.",
                "Ønsket om meråpent bibliotek var tydelig, og det får vi.",
                110,
            ),
            U(
                "Makerspace for unge",
                "3D-skrivere og symaskiner blir en del av tilbudet.",
                "Ungdom fra kulturskolen har vært med og planlagt rommet.",
                40,
                INNOVATION,
                "Biblioteket blir en møteplass for å skape, ikke bare låne.",
            ),
            U(
                "Flyttingen starter",
                "Biblioteket holder stengt i tre uker mens vi flytter.",
                "Lånetiden forlenges automatisk, og innleveringsautomaten ved "
                "rådhuset er åpen.",
                6,
            ),
        ],
    ),
    DemoCase(
        title="Språkløftet i barnehagene",
        unit="Barnehagene",
        owners=["ingrid.berg"],
        status=CaseStatus.ONGOING,
        summary=(
            "Alle kommunale barnehager jobber med språkutvikling gjennom lek, "
            "lesing og samtaler, med veiledning fra PPT."
        ),
        topics=["Barnehage", "Kompetanseutvikling"],
        tags=["språk", "lesing"],
        need="low",
        audiences=["staff", "citizens"],
        channels=["intranet", "newsletter"],
        key_messages="Språk lærer barna best gjennom lek og samtaler hver dag.",
        updates=[
            U(
                "Språkkoordinatorer i alle barnehager",
                "Hver barnehage har nå en språkkoordinator.",
                "Koordinatorene møtes annenhver måned og deler det som virker.",
                100,
                COMPETENCE,
                "Ansatte deler kompetanse på tvers av barnehagene.",
            ),
            U(
                "Lesevenner fra seniorsenteret",
                "Pensjonister leser for barna hver uke.",
                "Samarbeidet med seniorsenteret gir barna flere voksne å snakke med.",
                35,
            ),
        ],
    ),
    DemoCase(
        title="Velferdsteknologi på sykehjemmene",
        unit="Sykehjemmene",
        owners=["marte.dahl", "kari.nordmann"],
        status=CaseStatus.ONGOING,
        summary=(
            "Sensorer og digitalt nattilsyn skal gi beboerne bedre søvn og de "
            "ansatte bedre oversikt om natten."
        ),
        topics=["Eldreomsorg", "Digitalisering"],
        tags=["velferdsteknologi", "nattilsyn"],
        need="high",
        audiences=["citizens", "staff"],
        channels=["letter", "meeting"],
        key_messages="Færre forstyrrelser om natten, raskere hjelp når det trengs.",
        updates=[
            U(
                "Pårørende er informert",
                "Vi har hatt møte med pårørende på alle avdelinger.",
                "Spørsmålene handlet mest om personvern, og svarene ligger nå på "
                "nettsidene.",
                140,
            ),
            U(
                "Sensorene er montert",
                "Første avdeling har tatt i bruk digitalt nattilsyn.",
                "Nattevaktene får varsel på telefonen når en beboer står opp.",
                85,
                INNOVATION,
                "Beboerne sover bedre når nattevakten slipper å åpne døren for å "
                "sjekke.",
            ),
        ],
    ),
    DemoCase(
        title="Skolehelsetjeneste på nett",
        unit="Helsestasjon og legetjeneste",
        owners=["anders.bakken"],
        status=CaseStatus.ONGOING,
        summary=(
            "Ungdom kan stille spørsmål til helsesykepleier i en anonym chat, "
            "også etter skoletid."
        ),
        topics=["Helse", "Skole", "Digitalisering"],
        tags=["chat", "ungdom"],
        need="low",
        audiences=["citizens"],
        channels=["social_media", "website"],
        key_messages="Helsesykepleieren er et tastetrykk unna.",
        updates=[
            U(
                "Chatten er åpnet",
                "Helsesykepleierne svarer fire ettermiddager i uka.",
                "Chatten er anonym og bruker kommunens sikre løsning.",
                80,
            ),
            U(
                "Hundre samtaler første måned",
                "Flest spørsmål handler om søvn, stress og venner.",
                "Vi bruker erfaringene til å planlegge temakvelder på skolene.",
                45,
            ),
            U(
                "Skolene sprer ordet",
                "Kontaktlærerne informerer i klassene.",
                "Plakater med QR-kode henger på alle ungdomsskolene.",
                15,
            ),
        ],
    ),
    DemoCase(
        title="Tidlig innsats i PPT",
        unit="PPT og barnevern",
        owners=["nora.solberg"],
        status=CaseStatus.ONGOING,
        summary=(
            "PPT er mer til stede i barnehager og skoler, så vi kan hjelpe tidligere "
            "og med færre henvisninger."
        ),
        topics=["Barnehage", "Skole", "Kompetanseutvikling"],
        tags=["tidlig innsats"],
        need="low",
        audiences=["staff"],
        channels=["intranet", "meeting"],
        key_messages="Vi kommer til dere før problemene vokser.",
        updates=[
            U(
                "Faste kontordager ute",
                "Hver rådgiver har fast kontordag på sine skoler.",
                "Lærerne kan stikke innom uten henvisning.",
                170,
            ),
            U(
                "Veiledning i klasserommet",
                "Rådgiverne observerer og veileder i timene.",
                "Lærerne får konkrete råd som kan brukes dagen etter.",
                90,
                COMPETENCE,
                "Kompetansen brukes der barna er, ikke på et kontor.",
            ),
        ],
    ),
    DemoCase(
        title="Ny nettside for kommunen",
        unit="Digitalisering og IT",
        owners=["ola.hansen", "silje.aas"],
        status=CaseStatus.PLANNED,
        summary=(
            "Kommunens nettsider skal bygges om rundt det innbyggerne faktisk "
            "leter etter, skrevet i klarspråk."
        ),
        topics=["Digitalisering", "Kommunikasjon"],
        tags=["klarspråk", "nettsider"],
        need="high",
        audiences=["citizens", "staff", "businesses"],
        channels=["website", "intranet"],
        key_messages="Enklere å finne fram, enklere å forstå.",
        measures=[("Kurs i klarspråk for nettredaktører", 30, "meeting", "staff")],
        updates=[
            U(
                "Vi har analysert søkene",
                "De mest brukte søkene handler om avfall, skole og byggesak.",
                "Innholdet bygges opp rundt disse behovene først.",
                50,
            ),
            U(
                "Nettredaktører i hver enhet",
                "Hver enhet får en ansvarlig for sine sider.",
                "Det følger det distribuerte informasjonsansvaret: den som kan saken, "
                "skriver om den.",
                18,
            ),
        ],
        started_days_ago=60,
        ends_in_days=240,
    ),
    DemoCase(
        title="Heltidskultur i helse og omsorg",
        unit="Sykehjemmene",
        owners=["marte.dahl", "anders.bakken"],
        status=CaseStatus.ONGOING,
        summary=(
            "Flere hele stillinger gir bedre kontinuitet for beboerne og et bedre "
            "arbeidsmiljø for de ansatte."
        ),
        topics=["Arbeidsmiljø", "Eldreomsorg"],
        tags=["heltid", "rekruttering"],
        need="high",
        audiences=["staff", "politicians"],
        channels=["intranet", "meeting"],
        key_messages="Hele stillinger er normalen hos oss.",
        updates=[
            U(
                "Ny turnusmodell prøves ut",
                "To avdelinger prøver lengre vakter i helgene.",
                "Ordningen er laget sammen med tillitsvalgte.",
                160,
            ),
            U(
                "Flere har fått hel stilling",
                "Tolv deltidsansatte har fått økt stillingen sin.",
                "Sykefraværet på de to avdelingene har gått ned.",
                100,
            ),
            U(
                "Evaluering i personalmøtene",
                "Alle ansatte får si sin mening før ordningen utvides.",
                "Spørreskjemaet er sendt ut på e-post.",
                75,
            ),
        ],
        started_days_ago=220,
    ),
    DemoCase(
        title="Kulturskole for alle",
        unit="Kultur og bibliotek",
        owners=["lars.haugen"],
        status=CaseStatus.ONGOING,
        summary=(
            "Kulturskolen gir tilbud i skoletiden og på fritidsklubben, så flere "
            "barn kan delta uansett familiens økonomi."
        ),
        topics=["Kultur", "Skole"],
        tags=["kulturskole", "inkludering"],
        need="low",
        audiences=["citizens"],
        channels=["website", "social_media"],
        key_messages="Kulturskolen kommer dit barna er.",
        updates=[
            U(
                "Korps i skoletiden",
                "Fjerdeklassingene på to skoler spiller korps hver uke.",
                "Instrumentene lånes ut gratis.",
                140,
            ),
            U(
                "Filmverksted på fritidsklubben",
                "Ungdom lager kortfilm med kulturskolens lærere.",
                "Filmene vises på biblioteket før sommeren.",
                88,
            ),
        ],
    ),
    DemoCase(
        title="Ladepunkter ved kommunale bygg",
        unit="Plan og miljø",
        owners=["sigrid.lie", "jonas.moen"],
        status=CaseStatus.COMPLETED,
        summary=(
            "Kommunen har bygget ladepunkter for tjenestebiler og ansatte ved "
            "rådhuset, sykehjemmene og skolene."
        ),
        topics=["Klima og miljø"],
        tags=["elbil", "lading"],
        need="none",
        updates=[
            U(
                "Første ladepunkter i drift",
                "Rådhuset har fått tjue ladepunkter.",
                "Tjenestebilene lades om natten.",
                300,
            ),
            U(
                "Alle bygg er ferdige",
                "Prosjektet er avsluttet innenfor budsjett.",
                "Hjemmetjenesten kjører nå bare elbil.",
                210,
            ),
        ],
        started_days_ago=400,
        ends_in_days=None,
    ),
    DemoCase(
        title="Innbyggerdialog om budsjettet",
        unit="Digitalisering og IT",
        owners=["thomas.vik"],
        status=CaseStatus.PLANNED,
        summary=(
            "Innbyggerne inviteres til å si sin mening om prioriteringene i "
            "budsjettet, digitalt og på folkemøter."
        ),
        topics=["Økonomi og budsjett", "Kommunikasjon"],
        tags=["medvirkning", "budsjett"],
        need="high",
        audiences=["citizens", "politicians", "press"],
        channels=["website", "social_media", "meeting"],
        key_messages="Budsjettet handler om din hverdag, si din mening.",
        updates=[
            U(
                "Opplegget er klart",
                "Vi bruker en digital spørreundersøkelse og to folkemøter.",
                "Resultatene legges fram for formannskapet.",
                25,
            ),
            U(
                "Kommunikasjonsplan i årshjulet",
                "Tiltakene er lagt inn i årshjulet for kommunikasjon.",
                "Ved å planlegge gjennom året er vi først ute med informasjonen.",
                8,
            ),
        ],
        started_days_ago=40,
    ),
    DemoCase(
        title="Trygg skolevei",
        unit="Grunnskolene",
        owners=["erik.lund", "sigrid.lie"],
        status=CaseStatus.ONGOING,
        summary=(
            "Nye fortau, lavere fart og gåbusser skal få flere elever til å gå "
            "eller sykle til skolen."
        ),
        topics=["Skole", "Klima og miljø"],
        tags=["skolevei", "trafikksikkerhet"],
        need="low",
        audiences=["citizens"],
        channels=["letter", "website"],
        key_messages="Flere går til skolen når veien er trygg.",
        updates=[
            U(
                "Kartlegging av skoleveiene",
                "Elevene har tegnet inn farlige punkter på kart.",
                "Kartene brukes i trafikksikkerhetsplanen.",
                190,
            ),
            U(
                "Gåbuss på to skoler",
                "Foreldre følger grupper av elever til skolen.",
                "Ordningen er populær og utvides etter høstferien.",
                130,
            ),
            U(
                "Nytt fortau ferdig",
                "Fortauet langs skoleveien til Frogner er åpnet.",
                "Fartsgrensen er satt ned til 30 km/t.",
                95,
            ),
        ],
        started_days_ago=260,
    ),
    DemoCase(
        title="Mestringsteam for hverdagsrehabilitering",
        unit="Hjemmetjenesten",
        owners=["kari.nordmann"],
        status=CaseStatus.ONGOING,
        summary=(
            "Et tverrfaglig team hjelper innbyggere med å mestre hverdagen selv "
            "etter sykdom, med trening i eget hjem."
        ),
        topics=["Eldreomsorg", "Helse"],
        tags=["hverdagsrehabilitering"],
        need="low",
        audiences=["citizens", "staff"],
        channels=["website", "intranet"],
        key_messages="Hva er viktig for deg? Vi trener på det.",
        updates=[
            U(
                "Teamet er satt sammen",
                "Fysioterapeut, ergoterapeut og sykepleier jobber sammen.",
                "Teamet tar imot henvisninger fra sykehuset og fastlegene.",
                230,
            ),
            U(
                "Første brukere er ferdige",
                "Seks av ti trenger mindre hjelp etter rehabiliteringen.",
                "Brukerne setter selv målene for treningen.",
                150,
                COMPETENCE,
                "Tverrfaglig kompetanse gir innbyggerne mestring, ikke bare hjelp.",
            ),
        ],
        started_days_ago=260,
    ),
    DemoCase(
        title="Felles innkjøp av nettbrett",
        unit="Digitalisering og IT",
        owners=["jonas.moen"],
        status=CaseStatus.PAUSED,
        summary=(
            "Innkjøpet av nettbrett til helse og omsorg er satt på vent til ny "
            "rammeavtale er på plass."
        ),
        topics=["Digitalisering", "Økonomi og budsjett"],
        tags=["innkjøp"],
        need="none",
        updates=[
            U(
                "Behovet er kartlagt",
                "Enhetene trenger til sammen 250 nettbrett.",
                "Kartleggingen er gjort sammen med enhetslederne.",
                160,
            ),
            U(
                "Innkjøpet settes på vent",
                "Vi venter på den nye rammeavtalen.",
                "Vi informerer enhetene så snart avtalen er klar.",
                120,
            ),
        ],
    ),
    DemoCase(
        title="Barnehageopptak med digital søknad",
        unit="Barnehagene",
        owners=["ingrid.berg", "ola.hansen"],
        status=CaseStatus.COMPLETED,
        summary=(
            "Søknad om barnehageplass skjer nå digitalt, med svar på e-post og "
            "oversikt over ledige plasser."
        ),
        topics=["Barnehage", "Digitalisering"],
        tags=["barnehageopptak", "selvbetjening"],
        need="low",
        audiences=["citizens"],
        channels=["website", "social_media"],
        key_messages="Søk barnehageplass på nett innen 1. mars.",
        updates=[
            U(
                "Søknaden er digital",
                "Papirskjemaet er borte.",
                "Foreldrene logger inn med BankID og får svar på e-post.",
                280,
            ),
            U(
                "Rekordmange søkte i tide",
                "Nesten alle søknadene kom før fristen.",
                "Det gir raskere svar til familiene.",
                220,
                INNOVATION,
                "Selvbetjening sparer familiene for tid og oss for manuelt arbeid.",
            ),
        ],
        started_days_ago=400,
        ends_in_days=None,
    ),
    DemoCase(
        title="Lavterskel psykisk helsetilbud",
        unit="Helsestasjon og legetjeneste",
        owners=["anders.bakken", "nora.solberg"],
        status=CaseStatus.ONGOING,
        summary=(
            "Rask psykisk helsehjelp uten henvisning for voksne og unge med "
            "lettere plager."
        ),
        topics=["Helse"],
        tags=["psykisk helse"],
        need="high",
        audiences=["citizens", "press"],
        channels=["website", "press"],
        key_messages="Du trenger ikke henvisning for å få en samtale.",
        measures=[("Kronikk i lokalavisen", 20, "press", "citizens")],
        updates=[
            U(
                "Tilbudet er åpnet",
                "Ring eller send melding, så får du time innen en uke.",
                "Terapeutene er utdannet i kognitiv terapi.",
                110,
            ),
            U(
                "Kurs i mestring av bekymring",
                "Gruppekurs starter i september.",
                "Kurset går over seks kvelder.",
                72,
            ),
        ],
    ),
    DemoCase(
        title="Ombruk av møbler i kommunen",
        unit="Plan og miljø",
        owners=["sigrid.lie"],
        status=CaseStatus.ONGOING,
        summary=(
            "Brukte møbler fra kommunale bygg får nytt liv på skoler og i "
            "barnehager, i stedet for å kastes."
        ),
        topics=["Klima og miljø", "Økonomi og budsjett"],
        tags=["ombruk", "sirkulær økonomi"],
        need="low",
        audiences=["staff"],
        channels=["intranet"],
        key_messages="Sjekk ombrukslageret før du kjøper nytt.",
        updates=[
            U(
                "Ombrukslageret er åpnet",
                "Alle enheter kan bestille brukte møbler på intranettet.",
                "Lageret ligger ved driftsavdelingen.",
                150,
            ),
            U(
                "Spart 400 000 kroner",
                "Første halvår har ombruk spart både penger og utslipp.",
                "Mest populært er kontorstoler og hyller.",
                90,
            ),
        ],
    ),
    DemoCase(
        title="Fritidskort for barn og unge",
        unit="Kultur og bibliotek",
        owners=["hilde.strand"],
        status=CaseStatus.PLANNED,
        summary=(
            "Et fritidskort skal dekke kontingent i en fritidsaktivitet for barn "
            "fra familier med lav inntekt."
        ),
        topics=["Kultur"],
        tags=["fritidskort"],
        need="high",
        audiences=["citizens"],
        channels=["website", "letter"],
        key_messages="Alle barn skal kunne delta i en fritidsaktivitet.",
        updates=[
            U(
                "Lag og foreninger er med",
                "Tjue lag har sagt ja til å ta imot fritidskortet.",
                "Vi har hatt møte med idrettsrådet og kulturrådet.",
                30,
            ),
            U(
                "Søknadsskjemaet testes",
                "Fem familier har testet det digitale skjemaet.",
                "Språket er gjort enklere etter tilbakemeldingene.",
                11,
            ),
        ],
        started_days_ago=45,
    ),
    DemoCase(
        title="Hjemmebesøk til nyfødte",
        unit="Helsestasjon og legetjeneste",
        owners=["anders.bakken"],
        status=CaseStatus.ONGOING,
        summary=(
            "Alle familier med nyfødte får hjemmebesøk av jordmor og helsesykepleier."
        ),
        topics=["Helse"],
        tags=["helsestasjon"],
        need="none",
        updates=[
            U(
                "Jordmor på hjemmebesøk",
                "Jordmor besøker familien de første dagene etter fødselen.",
                "Besøket avtales før utskriving fra sykehuset.",
                100,
            ),
            U(
                "Familiene er fornøyde",
                "Ni av ti anbefaler hjemmebesøket.",
                "Vi fortsetter og evaluerer på nytt neste år.",
                66,
            ),
        ],
    ),
    DemoCase(
        title="Skjermfri lesestund på ungdomsskolen",
        unit="Grunnskolene",
        owners=["per.johansen"],
        status=CaseStatus.PLANNED,
        summary="Tjue minutter lesing av bøker hver morgen på alle ungdomsskolene.",
        topics=["Skole", "Bibliotek"],
        tags=["lesing"],
        need="",
        updates=[
            U(
                "Idéen fra elevrådet",
                "Elevrådet foreslo lesestund uten skjerm.",
                "Rektorene diskuterer forslaget i neste møte.",
                5,
            ),
            U(
                "Skolebibliotekarene er med",
                "Skolebibliotekene setter sammen bokkasser til klassene.",
                "Bøkene velges sammen med elevene.",
                2,
            ),
        ],
        publish=False,
    ),
    DemoCase(
        title="Ny vaktordning i hjemmetjenesten",
        unit="Hjemmetjenesten",
        owners=["kari.nordmann"],
        status=CaseStatus.PLANNED,
        summary="En ny vaktordning skal gi jevnere arbeidsbelastning i helgene.",
        topics=["Arbeidsmiljø"],
        tags=["turnus"],
        need="",
        updates=[
            U(
                "Arbeidsgruppen er i gang",
                "Tillitsvalgte og ledere lager forslag sammen.",
                "Forslaget legges fram for de ansatte før jul.",
                3,
            ),
            U(
                "Spørsmål fra de ansatte",
                "Vi har samlet spørsmålene fra personalmøtet.",
                "Svarene kommer i neste oppdatering.",
                1,
            ),
        ],
        publish=False,
    ),
]


def _home_page():
    return Site.objects.get(is_default_site=True).root_page.specific


def _case_index() -> CaseIndexPage:
    index = CaseIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        index = services.case_index_create(
            parent=_home_page(),
            title="Saker",
            slug=INDEX_SLUG,
            intro=(
                "Den som sitter nærmest saken, informerer om den. Her finner du "
                "sakene kollegene dine jobber med, og hva som har skjedd siden sist."
            ),
        )
    else:
        services.case_index_grant_staff_access(index=index)
    return index


def _image_title(case: DemoCase) -> str:
    return f"Illustrasjon: {case.title}"


def _seed_case(
    spec: DemoCase, *, index: CaseIndexPage, rng: random.Random, people, units, topics
) -> tuple[bool, int]:
    """Create the case and its missing updates; return (case created, updates)."""
    today = timezone.localdate()
    start_date = today - datetime.timedelta(days=spec.started_days_ago)
    owners = [people[username] for username in spec.owners]
    case = CasePage.objects.child_of(index).filter(slug=spec.slug).first()
    created = case is None
    if created:
        case = services.case_create(
            index=index,
            title=spec.title,
            slug=spec.slug,
            owners=owners,
            summary=spec.summary,
            unit=units[spec.unit],
            status=spec.status,
            start_date=start_date,
            expected_end_date=(
                today + datetime.timedelta(days=spec.ends_in_days)
                if spec.ends_in_days is not None
                else today - datetime.timedelta(days=30)
            ),
            topics=[topics[name] for name in spec.topics],
            tags=spec.tags,
            communication_need=spec.need,
            communication_audiences=spec.audiences,
            communication_channels=spec.channels,
            communication_key_messages=spec.key_messages,
            planned_measures=[
                {
                    "title": title,
                    "planned_date": today + datetime.timedelta(days=days),
                    "channel": channel,
                    "audience": audience,
                    "sort_order": position,
                }
                for position, (title, days, channel, audience) in enumerate(
                    spec.measures
                )
            ],
            body=[("paragraph", RichText(f"<p>{spec.summary}</p>"))],
            publish=spec.publish,
        )
        if spec.publish and start_date < today:
            # Shared when it started, so search and the case list date it then.
            started = timezone.make_aware(
                datetime.datetime.combine(start_date, datetime.time(9))
            )
            CasePage.objects.filter(pk=case.pk).update(
                first_published_at=started, last_published_at=started
            )
            # An update behind the services' back: count the case's facts again.
            services.case_facts_refresh_at(case_path=case.path)
    new_updates = 0
    for position, update in enumerate(spec.updates):
        slug = slugify_nb(update.title)[:80]
        # Minutes apart, so same-day updates keep their order.
        minutes = rng.randint(8 * 60, 15 * 60)
        if CaseUpdatePage.objects.child_of(case).filter(slug=slug).exists():
            continue
        extra = {}
        if position == 0:
            extra = {
                "hero_image": demo_image(title=_image_title(spec), rng=rng),
                "hero_image_alt": f"Illustrasjon til saken «{spec.title}».",
            }
        services.case_update_create(
            case=case,
            title=update.title,
            slug=slug,
            intro=update.intro,
            author=owners[position % len(owners)],
            publication_date=(
                timezone.now()
                - datetime.timedelta(days=update.days_ago)
                + datetime.timedelta(minutes=minutes - 12 * 60)
            ),
            body=[("paragraph", RichText(f"<p>{update.text}</p>"))],
            unit=units[spec.unit],
            topics=[topics[name] for name in spec.topics],
            tags=spec.tags[:1],
            positioning_themes=[update.theme] if update.theme else [],
            nomination_text=update.nomination,
            publish=spec.publish,
            **extra,
        )
        new_updates += 1
    return created, new_updates


@transaction.atomic
def seed(*, rng: random.Random, log) -> None:
    """Create the case list and the demo cases with their updates."""
    index = _case_index()
    people = {user.username: user for user in get_user_model().objects.all()}
    units = {unit.name: unit for unit in Unit.objects.all()}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    base = rng.randrange(2**32)
    new_cases = new_updates = 0
    for number, spec in enumerate(CASES, start=1):
        # Demo content, not security: a seeded generator per case.
        case_rng = random.Random(f"{base}:{spec.slug}")  # noqa: S311
        created, updates = _seed_case(
            spec, index=index, rng=case_rng, people=people, units=units, topics=topics
        )
        new_cases += created
        new_updates += updates
        if number % 5 == 0 or number == len(CASES):
            log(f"Cases: {number}/{len(CASES)}")
    log(
        f"Cases: {CasePage.objects.count()} ({new_cases} new), "
        f"updates: {CaseUpdatePage.objects.count()} ({new_updates} new)"
    )


def reset() -> None:
    """Remove the demo case list with its cases and updates, and their images."""
    for index in CaseIndexPage.objects.filter(slug=INDEX_SLUG):
        index.delete()
    Image.objects.filter(title__in=[_image_title(spec) for spec in CASES]).delete()
