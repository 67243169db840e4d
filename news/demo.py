"""Demo news: a news index and 44 Norwegian articles over the last 18 months.

Articles are found again by slug, so running the seeder twice changes nothing.
Dates count back from today, so the front page always looks current; a few of the
newest articles are pinned as important until a few days ahead, and one older
article's pin has run out.
"""

import datetime
import logging
import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Site

from intranet.core.demo import slugify_nb
from intranet.core.demo_images import demo_image
from intranet.core.models import PositioningTheme, Topic, Unit
from news import services
from news.models import NewsIndexPage, NewsPage

INNOVATION = PositioningTheme.INNOVATION.value
COMPETENCE = PositioningTheme.COMPETENCE.value

INDEX_SLUG = "nyheter"
IMAGE_PREFIX = "Nyhet: "
SPAN_DAYS = 540  # about 18 months
# The generated pictures are abstract; the alt text says so rather than pretend.
HERO_ALT = "Abstrakt illustrasjon: hvite sirkler på en fargeovergang"
AUTHORS = ["hilde.strand", "erik.lund", "silje.aas", "thomas.vik"]


@dataclass(frozen=True)
class DemoArticle:
    title: str
    intro: str
    text: str
    unit: str | None = None
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    nomination: str = ""
    quote: tuple[str, str] | None = None
    facts: tuple[str, ...] = ()
    pinned_days: int | None = None  # pinned until this many days from today
    extra: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        # Lower-cased first: slugify_nb only transliterates lower-case æ, ø, å.
        return slugify_nb(self.title.lower())[:80].rstrip("-")


# Newest first: the position in the list decides the date.
ARTICLES = [
    DemoArticle(
        "Nytt intranett: alle kan fortelle om sin egen sak",
        "Fra i dag kan alle ansatte publisere oppdateringer om sakene de jobber "
        "med. Den som sitter nærmest saken, informerer om den.",
        "Kommunikasjonsstrategien slår fast at vi har et distribuert "
        "informasjonsansvar. Det nye intranettet gjør det enkelt i praksis: du "
        "oppretter en sak, skriver korte oppdateringer, og kollegene dine kan følge "
        "emnene de er interessert i. Ingen stor informasjonsavdeling skal skrive "
        "sakene for deg – men kommunikasjonsteamet hjelper gjerne.",
        unit="Digitalisering og IT",
        topics=("Kommunikasjon", "Digitalisering"),
        tags=("intranett", "informasjonsansvar"),
        themes=(INNOVATION,),
        nomination="Vi gjør det distribuerte informasjonsansvaret til et verktøy "
        "alle ansatte kan bruke i hverdagen.",
        quote=(
            "God ekstern kommunikasjon starter alltid internt.",
            "Thomas Vik, kommunikasjonssjef",
        ),
        facts=(
            "Alle ansatte kan opprette saker",
            "Følg emner og få varsel",
            "Redaktørene publiserer nyheter",
        ),
        pinned_days=10,
    ),
    DemoArticle(
        "IT-systemene stenges natt til søndag",
        "Fagsystemene i helse og oppvekst er utilgjengelige mellom klokka 23 og 06 "
        "på grunn av oppgradering.",
        "Oppgraderingen gir raskere pålogging og bedre sikkerhet. Turnuspersonell "
        "som trenger journalen om natta, bruker papirrutinen som er sendt til "
        "enhetslederne. Meld fra til IT-brukerstøtte hvis noe ikke virker mandag "
        "morgen.",
        unit="Digitalisering og IT",
        topics=("Digitalisering",),
        tags=("driftsmelding",),
        facts=("Nedetid: lørdag 23.00 – søndag 06.00", "Papirrutine ved behov"),
        pinned_days=4,
    ),
    DemoArticle(
        "Influensavaksine for ansatte: nå kan du bestille time",
        "Alle ansatte i kommunen får tilbud om gratis influensavaksine. "
        "Helsestasjonen setter av egne dager for ansatte.",
        "Vaksinen beskytter deg selv og dem du møter i jobben. Særlig ansatte i "
        "helse og omsorg oppfordres til å ta den. Bestill time i "
        "timebestillingen, eller møt opp på drop-in-dagene.",
        unit="Helsestasjon og legetjeneste",
        topics=("Helse", "Arbeidsmiljø"),
        tags=("vaksine",),
        pinned_days=14,
    ),
    DemoArticle(
        "Digitalt tilsyn prøves ut i tre soner i hjemmetjenesten",
        "Hjemmetjenesten tester digitalt nattilsyn med kamera og sensorer hos "
        "brukere som ønsker det.",
        "Brukerne slipper å bli vekket av besøk om natta, og nattpatruljen kan "
        "bruke tiden der behovet er størst. Piloten varer i seks måneder og "
        "evalueres sammen med brukere og pårørende.",
        unit="Hjemmetjenesten",
        topics=("Eldreomsorg", "Digitalisering"),
        tags=("velferdsteknologi", "digitalt tilsyn"),
        themes=(INNOVATION,),
        nomination="Først i regionen med digitalt nattilsyn i hele soner, "
        "utviklet sammen med brukerne.",
        quote=(
            "Vi får mer tid til dem som trenger oss mest.",
            "Kari Nordmann, enhetsleder i hjemmetjenesten",
        ),
    ),
    DemoArticle(
        "Lærere tar videreutdanning i matematikk",
        "Tolv lærere fra barne- og ungdomsskolene starter videreutdanning i "
        "matematikkdidaktikk i høst.",
        "Videreutdanningen gir studiepoeng og skjer delvis på arbeidsplassen. "
        "Skolene deler undervisningsopplegg på tvers, slik at flere elever får "
        "nytte av det lærerne lærer.",
        unit="Grunnskolene",
        topics=("Skole", "Kompetanseutvikling"),
        tags=("videreutdanning", "matematikk"),
        themes=(COMPETENCE,),
        nomination="En av tre matematikklærere tar videreutdanning samtidig, "
        "og de deler opplegget med alle skolene.",
    ),
    DemoArticle(
        "Biblioteket åpner meråpent på lørdager",
        "Med lånekort og PIN-kode kan du nå bruke biblioteket også når det er "
        "ubetjent.",
        "Meråpent bibliotek gir innbyggerne lengre åpningstider uten at det koster "
        "mer. Ansatte på biblioteket har laget opplæringsvideoer og står klare til "
        "å hjelpe i den betjente åpningstiden.",
        unit="Kultur og bibliotek",
        topics=("Bibliotek", "Digitalisering"),
        tags=("meråpent",),
        themes=(INNOVATION,),
        nomination="Lengre åpningstid for innbyggerne med samme bemanning.",
    ),
    DemoArticle(
        "Resultater fra medarbeiderundersøkelsen",
        "Flere ansatte enn før mener at den interne kommunikasjonskulturen er god, "
        "men vi har fortsatt en vei å gå.",
        "I 2012 svarte bare 28 prosent at de opplevde en god intern "
        "kommunikasjonskultur. Nå er tallet høyere, og særlig enheter som har "
        "faste informasjonsmøter skårer godt. Alle enheter får sine egne "
        "resultater og skal lage en enkel plan for oppfølging.",
        topics=("Kommunikasjon", "Arbeidsmiljø"),
        tags=("medarbeiderundersøkelse",),
        facts=("Resultater per enhet kommer i neste uke", "Oppfølging i hver enhet"),
    ),
    DemoArticle(
        "Klimaplanen ute på høring",
        "Forslaget til ny klimaplan legges ut på høring. Alle enheter oppfordres "
        "til å gi innspill.",
        "Planen har mål for utslipp fra transport, bygg og innkjøp. Enhetene "
        "kjenner sine egne muligheter best, og innspillene deres gjør tiltakene "
        "mer treffsikre.",
        unit="Plan og miljø",
        topics=("Klima og miljø",),
        tags=("høring", "klimaplan"),
    ),
    DemoArticle(
        "Sykehjemmet tester sensorer som varsler ved fall",
        "Nye sensorer i rommene varsler personalet hvis en beboer faller om natta.",
        "Sensorene registrerer bevegelse uten kamera, og varselet går rett til "
        "telefonen til nattevakten. De første ukene har personalet rukket frem "
        "raskere ved tre fall.",
        unit="Sykehjemmene",
        topics=("Eldreomsorg", "Digitalisering"),
        tags=("velferdsteknologi", "fallsensor"),
        themes=(INNOVATION,),
        nomination="Tryggere netter for beboerne uten kamera i rommene.",
    ),
    DemoArticle(
        "Helsestasjonen tilbyr digital timebestilling",
        "Foreldre kan nå bestille og flytte timer på helsestasjonen selv, døgnet "
        "rundt.",
        "Færre telefoner gir helsesykepleierne mer tid til konsultasjonene. Den "
        "digitale løsningen er laget sammen med foreldre som testet den i "
        "sommer.",
        unit="Helsestasjon og legetjeneste",
        topics=("Helse", "Digitalisering"),
        tags=("timebestilling",),
    ),
    DemoArticle(
        "Kurs i klart språk for alle ansatte",
        "Kommunikasjonsteamet holder korte kurs i klart språk. Målet er brev og "
        "nettsider som innbyggerne forstår første gang.",
        "Kurset tar to timer og bruker eksempler fra egne brev. Deltakerne får en "
        "sjekkliste og kan sende inn tekster til en klarspråksklinikk etterpå.",
        topics=("Kommunikasjon", "Kompetanseutvikling"),
        tags=("klart språk", "kurs"),
        themes=(COMPETENCE,),
        nomination="Klart språk gjør oss tilgjengelige og løsningsorienterte, "
        "slik omdømmestrategien beskriver.",
    ),
    DemoArticle(
        "Årshjulet for kommunikasjon er klart",
        "Nå kan alle enheter se når de store kommunikasjonsoppgavene kommer i løpet "
        "av året.",
        "Kommunikasjon blir fort glemt i en travel hverdag. Årshjulet viser "
        "budsjett, opptak, ferieavvikling og høringer, slik at vi kan planlegge og "
        "være først ute i stedet for å svare på andres premisser.",
        topics=("Kommunikasjon",),
        tags=("årshjul", "planlegging"),
        facts=("Planlegg kommunikasjonen sammen med saken", "Vær først ute"),
    ),
    DemoArticle(
        "Fagdag om tidlig innsats i barnehage og skole",
        "PPT og barnevernet inviterer til fagdag om hvordan vi sammen fanger opp "
        "barn som trenger hjelp tidlig.",
        "Fagdagen samler ansatte fra barnehager, skoler og helsestasjon. Vi ser på "
        "konkrete saker og lager felles rutiner for når og hvordan vi tar kontakt "
        "med hverandre.",
        unit="PPT og barnevern",
        topics=("Barnehage", "Skole", "Kompetanseutvikling"),
        tags=("tidlig innsats", "fagdag"),
        themes=(COMPETENCE,),
        nomination="Tverrfaglig kompetanse som gir barn hjelp tidligere.",
    ),
    DemoArticle(
        "Nytt system for avviksmeldinger",
        "Avvik og forbedringsforslag meldes nå i ett system, også fra mobilen.",
        "Det skal være enkelt å si fra. Meldingen går automatisk til riktig leder, "
        "og du får beskjed når saken er fulgt opp.",
        unit="Digitalisering og IT",
        topics=("Arbeidsmiljø", "Digitalisering"),
        tags=("avvik", "HMS"),
    ),
    DemoArticle(
        "Kulturskolen fyller 40 år",
        "Jubileet feires med konserter, utstillinger og åpen dag for hele kommunen.",
        "Kulturskolen har gitt tusenvis av barn og unge et sted å spille, danse og "
        "skape. Ansatte og tidligere elever inviteres til jubileumskonserten.",
        unit="Kultur og bibliotek",
        topics=("Kultur",),
        tags=("jubileum", "kulturskolen"),
    ),
    DemoArticle(
        "Elbiler i hjemmetjenesten: ett år etter",
        "Hjemmetjenesten har kjørt elektrisk i ett år. Erfaringene er gode, og "
        "utslippene har gått ned.",
        "Ladingen er lagt til tider bilene likevel står, og de ansatte har lært "
        "seg å planlegge rutene etter rekkevidden. Erfaringene deles nå med "
        "andre enheter som vurderer elbil.",
        unit="Hjemmetjenesten",
        topics=("Klima og miljø",),
        tags=("elbil", "klima"),
        themes=(INNOVATION,),
        nomination="Hele bilparken i hjemmetjenesten er elektrisk, uten dårligere "
        "tjenester for brukerne.",
    ),
    DemoArticle(
        "Sykefraværet går ned i Helse og omsorg",
        "Målrettet oppfølging og bedre turnusplanlegging gir resultater.",
        "Enhetene har jobbet sammen med bedriftshelsetjenesten om tidlig dialog "
        "og tilrettelegging. Nedgangen er størst der de ansatte selv har vært med "
        "på å lage turnusen.",
        unit="Helse og omsorg",
        topics=("Arbeidsmiljø",),
        tags=("sykefravær",),
    ),
    DemoArticle(
        "Skolene får nye læringsbrett",
        "Alle elever på mellomtrinnet får nye læringsbrett etter høstferien.",
        "Lærerne har fått opplæring før utrullingen, og skolene har felles regler "
        "for bruk. Foreldrene får informasjon gjennom skolens vanlige kanaler.",
        unit="Grunnskolene",
        topics=("Skole", "Digitalisering"),
        tags=("læringsbrett",),
    ),
    DemoArticle(
        "Rekordmange søker læreplass i helsefag",
        "Sykehjemmene har fått flere søkere til læreplass i helsearbeiderfaget enn "
        "noen gang.",
        "Veilederne har tatt kurs i veiledning, og lærlingene får fast kontaktperson "
        "gjennom hele læretiden. Flere av fjorårets lærlinger jobber nå fast hos "
        "oss.",
        unit="Sykehjemmene",
        topics=("Kompetanseutvikling", "Helse"),
        tags=("lærling", "rekruttering"),
        themes=(COMPETENCE,),
        nomination="God veiledning gjør oss til et sted unge vil lære faget.",
        quote=(
            "Lærlingene våre er morgendagens kolleger.",
            "Marte Dahl, sykepleier og veileder",
        ),
    ),
    DemoArticle(
        "Ny plan for sentrumsområdet",
        "Planforslaget for sentrum gir plass til flere boliger, grønne lunger og "
        "tryggere skoleveier.",
        "Innbyggerne har gitt mange innspill på folkemøtene. Plan og miljø "
        "oppsummerer dem i en egen rapport som følger saken til politisk "
        "behandling.",
        unit="Plan og miljø",
        topics=("Klima og miljø",),
        tags=("sentrumsplan",),
    ),
    DemoArticle(
        "Frivilligsentralen søker flere turvenner",
        "Eldre som bor hjemme ønsker seg noen å gå tur med. Frivilligsentralen "
        "trenger flere turvenner.",
        "En turvenn går en tur i uka sammen med en eldre innbygger. Ansatte kan "
        "tipse pårørende, naboer og venner om ordningen.",
        unit="Kultur og bibliotek",
        topics=("Kultur", "Eldreomsorg"),
        tags=("frivillighet",),
    ),
    DemoArticle(
        "Barnehagene deler erfaringer på tvers",
        "Pedagogiske ledere møtes i nettverk for å lære av hverandre.",
        "Hvert nettverk tar opp én problemstilling om gangen, for eksempel "
        "overganger eller språk. Det som fungerer, skrives ned og deles med alle "
        "barnehagene.",
        unit="Barnehagene",
        topics=("Barnehage", "Kompetanseutvikling"),
        tags=("nettverk",),
        themes=(COMPETENCE,),
        nomination="Kompetansen i én barnehage blir kompetanse i alle.",
    ),
    DemoArticle(
        "Ny innkjøpsavtale for kontorrekvisita",
        "Fra neste måned bestiller alle enheter kontorrekvisita gjennom den nye "
        "avtalen.",
        "Avtalen gir lavere priser og færre leveranser, noe som også er bra for "
        "klimaet. Bestillingen skjer i innkjøpssystemet som før.",
        topics=("Økonomi og budsjett",),
        tags=("innkjøp",),
    ),
    DemoArticle(
        "Vi tar i bruk digital signatur",
        "Kontrakter og vedtak kan nå signeres digitalt, også av innbyggere.",
        "Digital signatur sparer porto, papir og dager med venting. IT har laget en "
        "kort veiledning, og løsningen er koblet til arkivet slik at dokumentene "
        "arkiveres automatisk.",
        unit="Digitalisering og IT",
        topics=("Digitalisering",),
        tags=("digital signatur", "arkiv"),
        themes=(INNOVATION,),
        nomination="Raskere saksbehandling for innbyggerne og automatisk arkivering.",
    ),
    DemoArticle(
        "Kompetanseløft for assistenter i barnehagen",
        "Tjue assistenter starter på fagbrev som barne- og ungdomsarbeider.",
        "Utdanningen kombineres med jobben, og barnehagene dekker vikar på "
        "samlingsdagene. Slik får barna flere voksne med fagkompetanse.",
        unit="Barnehagene",
        topics=("Barnehage", "Kompetanseutvikling"),
        tags=("fagbrev",),
        themes=(COMPETENCE,),
        nomination="Flere fagarbeidere i barnehagene uten å rekruttere utenfra.",
    ),
    DemoArticle(
        "Energisparing i kommunale bygg ga resultater",
        "Styring av varme og lys i skoler og barnehager har kuttet strømforbruket "
        "merkbart.",
        "Byggene senker temperaturen om natta og i helgene, og lyset slås av "
        "automatisk. Innsparingen brukes til nye klimatiltak.",
        unit="Plan og miljø",
        topics=("Klima og miljø", "Økonomi og budsjett"),
        tags=("energi",),
        themes=(INNOVATION,),
        nomination="Smart styring i byggene gir både lavere utslipp og lavere "
        "kostnader.",
    ),
    DemoArticle(
        "Lesekampanje for hele familien",
        "Biblioteket og skolene samarbeider om lesekampanje i vinterferien.",
        "Barna samler lesestempler, og foreldrene får boktips på biblioteket. "
        "Skolene premierer klassene som leser mest.",
        unit="Kultur og bibliotek",
        topics=("Bibliotek", "Skole"),
        tags=("lesing",),
    ),
    DemoArticle(
        "Ny rutine for mediehenvendelser",
        "Journalister som ringer, skal få raske og riktige svar. Slik gjør du når "
        "pressen tar kontakt.",
        "Du kan svare på faktaspørsmål om ditt eget fagfelt. Er saken vanskelig "
        "eller politisk, tar du kontakt med lederen din og kommunikasjonsteamet "
        "før du svarer.",
        topics=("Kommunikasjon",),
        tags=("media", "rutine"),
        facts=("Svar på fakta i ditt fagfelt", "Kontakt leder ved vanskelige saker"),
    ),
    DemoArticle(
        "Barnevernet styrker samarbeidet med skolene",
        "Hver skole får en fast kontaktperson i barnevernet.",
        "Lærerne får en å ringe når de er bekymret, og barnevernet kommer raskere "
        "inn i saker der det trengs.",
        unit="PPT og barnevern",
        topics=("Skole",),
        tags=("samarbeid",),
    ),
    DemoArticle(
        "Medisindispensere tatt i bruk hjemme hos brukere",
        "Automatiske medisindispensere minner brukerne på medisinen og varsler "
        "hjemmetjenesten hvis en dose ikke blir tatt.",
        "Brukerne blir mer selvstendige, og hjemmetjenesten slipper mange korte "
        "besøk. Løsningen er innført etter en vellykket pilot i fjor.",
        unit="Hjemmetjenesten",
        topics=("Eldreomsorg", "Digitalisering"),
        tags=("velferdsteknologi",),
        themes=(INNOVATION,),
        nomination="Mer selvstendighet for brukerne og bedre bruk av "
        "hjemmetjenestens tid.",
    ),
    DemoArticle(
        "Kantinen får nye åpningstider",
        "Kantinen i rådhuset åpner tidligere og serverer frokost fra klokka 07.30.",
        "Endringen kommer etter ønske fra ansatte som begynner tidlig. Lunsjen "
        "serveres som før.",
        topics=("Arbeidsmiljø",),
        tags=("kantine",),
    ),
    DemoArticle(
        "Legevakten flytter inn i nye lokaler",
        "Den nye legevakten har bedre plass, egen inngang for ambulanse og "
        "universell utforming.",
        "Flyttingen skjer over en helg, og legevakttelefonen er åpen som vanlig "
        "hele tiden.",
        unit="Helsestasjon og legetjeneste",
        topics=("Helse",),
        tags=("legevakt",),
    ),
    DemoArticle(
        "Hospitering mellom enhetene",
        "Ansatte kan nå hospitere noen dager i en annen enhet for å lære hvordan "
        "kollegene jobber.",
        "Hospitering gir ny kunnskap og bedre samarbeid på tvers. Søk gjennom "
        "lederen din; enhetene avtaler tidspunkt seg imellom.",
        topics=("Kompetanseutvikling", "Arbeidsmiljø"),
        tags=("hospitering",),
        themes=(COMPETENCE,),
        nomination="Vi lærer av hverandre på tvers av sektorene.",
    ),
    DemoArticle(
        "Sommeravslutning for alle ansatte",
        "Velkommen til sommeravslutning med grillmat og musikk fra kulturskolen.",
        "Avslutningen er en takk for innsatsen gjennom året. Meld deg på innen "
        "fredag, så vi vet hvor mye mat vi skal bestille.",
        topics=("Arbeidsmiljø", "Kultur"),
        tags=("sosialt",),
    ),
    DemoArticle(
        "Ny nettside for innbyggerne er lansert",
        "Den nye nettsiden er bygd rundt det innbyggerne oftest leter etter.",
        "Tekstene er skrevet i klart språk, og siden fungerer godt på mobil. Hver "
        "enhet har en nettredaktør som holder sidene sine oppdatert.",
        unit="Digitalisering og IT",
        topics=("Kommunikasjon", "Digitalisering"),
        tags=("nettside",),
    ),
    DemoArticle(
        "Sykkelvei til skolen: prosjektet er i gang",
        "Arbeidet med trygg sykkelvei mellom boligfeltet og ungdomsskolen har startet.",
        "Prosjektet er et samarbeid mellom Plan og miljø og skolen. Elevene har "
        "selv kartlagt de farligste punktene på skoleveien.",
        unit="Plan og miljø",
        topics=("Klima og miljø", "Skole"),
        tags=("skolevei", "sykkel"),
    ),
    DemoArticle(
        "Ungdommens kommunestyre la fram sine saker",
        "Ungdommene ønsker flere møteplasser, bedre busstilbud og mer åpen "
        "ungdomsklubb.",
        "Sakene følges opp av administrasjonen, og ungdommene får svar på hva som "
        "skjer før neste møte.",
        topics=("Kommunikasjon",),
        tags=("ungdom", "medvirkning"),
    ),
    DemoArticle(
        "Språkløft for minoritetsspråklige barn",
        "Barnehagene bruker nye metoder for språkutvikling sammen med foreldrene.",
        "Foreldrene får bøker og lydfiler på både norsk og morsmålet. De ansatte "
        "har tatt kurs i flerspråklig språkutvikling.",
        unit="Barnehagene",
        topics=("Barnehage",),
        tags=("språk",),
        themes=(COMPETENCE,),
        nomination="Ny kompetanse hos de ansatte gir barna et bedre språklig "
        "grunnlag før skolestart.",
    ),
    DemoArticle(
        "Ledersamling om kommunikasjonsplanlegging",
        "Alle ledere samles for å planlegge kommunikasjonen i sine største saker.",
        "En god intern kommunikasjonskultur betyr at vi vurderer behovet for "
        "kommunikasjon i enhver beslutningsprosess. På samlingen lager hver leder "
        "en enkel plan for én sak.",
        topics=("Kommunikasjon", "Kompetanseutvikling"),
        tags=("ledelse",),
        themes=(COMPETENCE,),
        nomination="Ledere som planlegger kommunikasjonen, gjør oss proaktive.",
    ),
    DemoArticle(
        "Budsjettet for neste år er lagt fram",
        "Rådmannens forslag prioriterer skole, eldreomsorg og vedlikehold av bygg.",
        "Budsjettet behandles i kommunestyret i desember. Hver sektor orienterer "
        "sine enheter om hva forslaget betyr for dem.",
        topics=("Økonomi og budsjett",),
        tags=("budsjett",),
        facts=("Skole og eldreomsorg prioriteres", "Behandles i desember"),
        extra={"expired_pin": True},
    ),
    DemoArticle(
        "Økonomirapport for første tertial",
        "Kommunen har god kontroll på økonomien, men utgiftene til ressurskrevende "
        "tjenester øker.",
        "Rapporten viser også at flere enheter har brukt mindre enn budsjettert på "
        "innkjøp. Sektorene følger opp avvikene i sine ledermøter.",
        topics=("Økonomi og budsjett",),
        tags=("tertial",),
    ),
    DemoArticle(
        "Fiber til alle skoler og barnehager",
        "Nå har alle skoler og barnehager raskt og stabilt nett.",
        "Utbyggingen gjør det mulig å bruke digitale læremidler og videomøter uten "
        "problemer. IT følger opp enhetene som har meldt om dekningsproblemer "
        "inne i byggene.",
        unit="Digitalisering og IT",
        topics=("Digitalisering", "Skole", "Barnehage"),
        tags=("fiber",),
    ),
    DemoArticle(
        "Velkommen til nye ansatte i høst",
        "Over førti nye kolleger har begynt hos oss. Introduksjonsdagen er fullbooket.",
        "På introduksjonsdagen møter de nye ansatte rådmannen, tillitsvalgte og "
        "verneombud, og de får en innføring i intranettet og "
        "kommunikasjonsstrategien.",
        topics=("Arbeidsmiljø",),
        tags=("nyansatt",),
    ),
]


def _body(article: DemoArticle, *, rng: random.Random, owner_name: str) -> list:
    body: list = [("paragraph", f"<p>{article.text}</p>")]
    if article.quote:
        text, attribution = article.quote
        body.append(("quote", {"text": text, "attribution": attribution}))
    if article.facts:
        items = "".join(f"<li>{fact}</li>" for fact in article.facts)
        body.append(
            ("fact_box", {"title": "Kort fortalt", "body": f"<ul>{items}</ul>"})
        )
    if rng.random() < 0.25:
        image = demo_image(title=f"{IMAGE_PREFIX}{article.title} (2)", rng=rng)
        body.append(
            (
                "image",
                {
                    "image": image,
                    "alt_text": HERO_ALT,
                    "caption": f"Illustrasjon: {article.title}",
                    "credit": owner_name,
                },
            )
        )
    return body


def _news_index() -> NewsIndexPage:
    index = NewsIndexPage.objects.first()
    if index is not None:
        services.news_index_grant_editors(index=index)
        return index
    home = Site.objects.get(is_default_site=True).root_page
    return services.news_index_create(
        parent=home,
        title="Nyheter",
        slug=INDEX_SLUG,
        intro="Nytt fra hele kommunen. Filtrer på emne, enhet eller år.",
    )


@contextmanager
def _quiet_wagtail_log() -> Iterator[None]:
    # Wagtail logs every page creation and publication at INFO; for 40+ demo
    # articles that drowns the seeder's own progress lines.
    logger = logging.getLogger("wagtail")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@transaction.atomic
def seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    """Create the news index and the demo articles that are missing."""
    with _quiet_wagtail_log():
        _seed(rng=rng, log=log)


def _seed(*, rng: random.Random, log: Callable[[str], None]) -> None:
    index = _news_index()
    today = timezone.localdate()
    base_seed = rng.getrandbits(32)
    units = {unit.name: unit for unit in Unit.objects.all()}
    topics = {topic.name: topic for topic in Topic.objects.all()}
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=AUTHORS)
    }
    existing = set(NewsPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    last = len(ARTICLES) - 1
    for position, article in enumerate(ARTICLES):
        if article.slug in existing:
            continue
        # One random stream per article, so each looks the same however many
        # others already exist.
        article_rng = random.Random(f"{base_seed}:{article.slug}")  # noqa: S311
        if article.pinned_days is not None:
            days_ago = position  # pinned news is fresh news
        else:
            days_ago = round(position * SPAN_DAYS / last)
            days_ago += article_rng.randint(-3, 3)
        date = today - datetime.timedelta(days=max(days_ago, 0))
        owner = users.get(article_rng.choice(AUTHORS))
        owner_name = owner.get_full_name() if owner else "Kommunen"
        important_until = None
        if article.pinned_days is not None:
            important_until = today + datetime.timedelta(days=article.pinned_days)
        elif article.extra.get("expired_pin"):
            important_until = date + datetime.timedelta(days=7)
        services.news_article_create(
            index=index,
            title=article.title,
            slug=article.slug,
            intro=article.intro,
            owner=owner,
            date=date,
            body=_body(article, rng=article_rng, owner_name=owner_name),
            unit=units.get(article.unit) if article.unit else None,
            topics=[topics[name] for name in article.topics if name in topics],
            tags=article.tags,
            hero_image=demo_image(
                title=f"{IMAGE_PREFIX}{article.title}", rng=article_rng
            ),
            hero_image_alt=HERO_ALT,
            positioning_themes=article.themes,
            nomination_text=article.nomination,
            important_until=important_until,
        )
        created += 1
        if created % 10 == 0:
            log(f"News articles: {created} created …")
    log(
        f"News articles: {NewsPage.objects.child_of(index).count()} "
        f"({created} new) under /{index.slug}/"
    )


def reset() -> None:
    """Remove the demo articles, their pictures and an otherwise empty index."""
    slugs = [article.slug for article in ARTICLES]
    with _quiet_wagtail_log():
        for page in NewsPage.objects.filter(slug__in=slugs):
            page.delete()
        for index in NewsIndexPage.objects.filter(slug=INDEX_SLUG):
            if not index.get_children().exists():
                index.delete()
    get_image_model().objects.filter(title__startswith=IMAGE_PREFIX).delete()
