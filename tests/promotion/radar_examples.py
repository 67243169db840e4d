"""Hand-labelled stories for the positioning radar: what a municipality's
staff write on the intranet, each judged by reading it, not by its words.

``innovation``: the story shows the municipality doing something new or in a
new way (a pilot, a new service, technology put to use, a first in the
region). ``competence``: it shows the staff's knowledge and skills growing or
being shared (courses, further education, mentoring, expertise others ask
for). ``neither``: everything else an intranet carries (practical notices,
events, plans, staff news). A story may show both; it is labelled by what it
mainly shows.

`demo_examples()` adds the demo data's stories, labelled by the themes their
authors gave them (a story without a theme is ``neither``). The benchmark
(`benchmarks/radar_bench.py`) and the tests read both.
"""

from __future__ import annotations

from dataclasses import dataclass

from intranet.demo.content import load

INNOVATION, COMPETENCE, NEITHER = "innovation", "competence", "neither"


@dataclass(frozen=True)
class Example:
    title: str
    text: str
    label: str

    @property
    def themes(self) -> list[str]:
        return [] if self.label == NEITHER else [self.label]


def _examples(label: str, *stories: tuple[str, str]) -> list[Example]:
    return [Example(title, text, label) for title, text in stories]


INNOVATION_EXAMPLES = _examples(
    INNOVATION,
    (
        "Hjemmetjenesten tester nattkamera med samtykke",
        "Seks brukere i sone nord har sagt ja til digitalt nattilsyn i stedet "
        "for å bli vekket av besøk. Kameraet slår seg bare på til avtalt tid, og "
        "nattpatruljen ser et bilde på nettbrettet. Etter tre uker sover "
        "brukerne bedre, og patruljen rekker flere besøk der det trengs.",
    ),
    (
        "Vi er første kommune på Romerike med selvbetjent bibliotek på skolene",
        "Elevene på tre barneskoler låner nå bøker med skolekortet, også når "
        "biblioteket er ubetjent. Løsningen er laget sammen med en leverandør "
        "som ville prøve ut noe nytt. Utlånet har økt med en tredjedel siden "
        "januar.",
    ),
    (
        "Sensorer i kommunale bygg sparer strøm",
        "Eiendomsavdelingen har montert sensorer som måler temperatur og "
        "luftkvalitet i tolv bygg. Ventilasjonen styres nå etter hvor mange som "
        "faktisk er i rommet. Vi regner med å spare 400 000 kilowattimer i "
        "året, og vil ta løsningen i bruk i alle skolene.",
    ),
    (
        "Ny måte å ta imot søknader om startlån",
        "Søkerne fyller ut et enkelt skjema på nett, og svaret kommer nå etter "
        "fem dager i stedet for seks uker. Vi har snudd arbeidsflyten: "
        "saksbehandleren ringer søkeren først og avklarer det som mangler. "
        "Husbanken har bedt om å få presentere måten vi gjør det på.",
    ),
    (
        "Robot tar over rutinearbeidet i lønn",
        "En programvarerobot legger nå inn timelister fra vikarer i "
        "lønnssystemet hver natt. Det frigjør to dagsverk i uken hos "
        "lønnskonsulentene, som bruker tiden på å svare ansatte. Piloten varer "
        "ut året før vi bestemmer om flere oppgaver skal automatiseres.",
    ),
    (
        "Tjenestedesign ga nytt møtested for unge",
        "Ungdommene selv har tegnet det nye fritidstilbudet på Sørumsand. "
        "Gjennom workshops med ungdomsrådet kom ideen om åpen hall fredag kveld "
        "med gratis mat. Første kveld kom 140 unge, og modellen skal prøves i "
        "flere tettsteder.",
    ),
    (
        "Digitale trygghetsalarmer for alle som har alarm",
        "Vi er ferdige med overgangen fra analoge til digitale trygghetsalarmer. "
        "Alarmene varsler nå også ved fall og når noen går ut om natten. "
        "Alarmsentralen er felles med fire nabokommuner, og vi var først ute med "
        "å koble den til hjemmetjenestens fagsystem.",
    ),
    (
        "Matavfall blir biogass til kommunens biler",
        "Fra mars kjører ti av kommunens biler på biogass laget av matavfall fra "
        "våre egne husholdninger. Avtalen med renseanlegget er den første i sitt "
        "slag i regionen. Sirkelen er sluttet: det innbyggerne sorterer, driver "
        "bilene til hjemmetjenesten.",
    ),
    (
        "KI-assistent hjelper saksbehandlere med å finne regelverk",
        "Byggesak prøver ut en KI-assistent som leser spørsmålet og viser hvilke "
        "paragrafer i plan- og bygningsloven som gjelder. Assistenten svarer "
        "aldri innbyggeren direkte; saksbehandleren vurderer alltid selv. Vi "
        "måler om saksbehandlingstiden går ned i løpet av våren.",
    ),
    (
        "Skolene bruker droner i naturfag",
        "Elevene på ungdomstrinnet kartlegger bekkene rundt skolen med droner og "
        "sender funnene til kommunens miljøvernrådgiver. Prosjektet er laget "
        "sammen med universitetet, og dataene brukes i arbeidet med vannplanen.",
    ),
    (
        "Legevakten innfører video før oppmøte",
        "Pasienter som ringer legevakten kan nå få en kort videosamtale med "
        "sykepleier før de eventuelt kommer inn. Mange får råd hjemme og slipper "
        "å sitte på venterommet. Ordningen er utviklet av de ansatte selv og "
        "vakte interesse på en nasjonal konferanse.",
    ),
    (
        "Innbyggerne melder hull i veien med en app",
        "Siden april har innbyggerne meldt over 600 hull og ødelagte lysmaster "
        "med mobilen, med bilde og kartpunkt. Driftsavdelingen får meldingen "
        "rett inn i arbeidslisten og svarer når jobben er gjort. Tiden fra "
        "melding til reparasjon er halvert.",
    ),
    (
        "Ny turnusmodell gir færre deltidsstillinger",
        "Sykehjemmet har prøvd en langvaktsturnus der ansatte jobber færre og "
        "lengre helger. Tretti ansatte har fått større stillinger, og bruken av "
        "vikarer har gått ned. Flere kommuner har vært på besøk for å se "
        "hvordan vi har gjort det.",
    ),
    (
        "Solcelletak på den nye barnehagen",
        "Den nye barnehagen på Frogner produserer mer strøm enn den bruker. "
        "Taket har solceller, og overskuddet går til idrettshallen ved siden "
        "av. Bygget er et pilotprosjekt for plusshus i kommunal regi.",
    ),
    (
        "Digital skoleskyss: foreldrene ser bussen på kartet",
        "Foreldre til elever med skoleskyss kan følge bussen i sanntid i en "
        "egen tjeneste. Tjenesten ble utviklet etter at mange ringte skolen om "
        "morgenen. Nå har telefonene nesten stilnet.",
    ),
    (
        "Kommunen deler data om ledige barnehageplasser åpent",
        "Oversikten over ledige plasser oppdateres hver natt og ligger åpent på "
        "nettet. Gründere har allerede laget en tjeneste som varsler foreldre. "
        "Vi er blant de første kommunene i landet som deler slike data.",
    ),
    (
        "Velferdsteknologi gjør at Per kan bo hjemme",
        "Per er 88 år og bor alene. En elektronisk medisindispenser, en "
        "døralarm og en smart komfyrvakt gjør at han kan bli boende hjemme. "
        "Hjemmetjenesten har satt sammen løsningen sammen med Per og datteren.",
    ),
    (
        "Plan- og byggesak prøver 3D-modeller i høringer",
        "Innbyggerne kan nå gå rundt i en 3D-modell av det nye sentrumsområdet "
        "før de sier sin mening. Flere enn noen gang har svart på høringen, og "
        "mange sier modellen gjorde planen lettere å forstå.",
    ),
    (
        "Ny løsning: matpakker uten plast i SFO",
        "SFO på Bingsfoss har byttet engangsplast med gjenbruksbokser som vaskes "
        "på kjøkkenet. Ideen kom fra en assistent, og ble prøvd ut i en måned før "
        "alle avdelingene gikk over. Nå vil flere skoler gjøre det samme.",
    ),
    (
        "Kommunens første innovasjonspartnerskap er signert",
        "Sammen med tre leverandører skal vi utvikle en løsning som varsler "
        "hjemmetjenesten før en bruker blir dårlig. Partnerskapet er en ny måte "
        "å kjøpe inn på: vi beskriver behovet, ikke produktet.",
    ),
    (
        "Hjemmetrening på nettbrett etter sykehusopphold",
        "Fysioterapeutene følger opp eldre etter utskrivning med øvelser på "
        "nettbrett og korte videomøter. Brukerne trener oftere og kommer "
        "raskere tilbake i hverdagen. Tjenesten blir fast fra høsten.",
    ),
    (
        "Servicetorget åpner chat med innbyggerne",
        "Innbyggerne kan nå chatte med servicetorget på kveldstid. En chatbot "
        "svarer på de vanligste spørsmålene, og sender resten videre til en "
        "veileder neste morgen. Vi er tidlig ute i regionen.",
    ),
    (
        "Ladestasjoner for hjemmetjenestens elbiler på rekordtid",
        "Alle hjemmetjenestens biler er nå elektriske, og lades på egne "
        "hurtigladere ved basene. Prosjektet ble gjennomført på fire måneder, og "
        "er et forbilde for andre kommuner som vil gjøre bilparken utslippsfri.",
    ),
    (
        "Ungdomsskolen tester mobilfri skoledag med nytt opplegg",
        "I stedet for et rent forbud har elevrådet laget et opplegg med "
        "aktiviteter i friminuttene og mobilhotell. Lærerne melder om mer "
        "ro, og forskere fra høgskolen følger forsøket.",
    ),
)

COMPETENCE_EXAMPLES = _examples(
    COMPETENCE,
    (
        "Tolv assistenter tar fagbrev som helsefagarbeider",
        "Gjennom praksiskandidatordningen tar tolv assistenter i hjemmetjenesten "
        "fagbrev ved siden av jobben. De får undervisning en dag i uken og "
        "veiledning av erfarne kolleger. Til sommeren går de opp til "
        "fagprøven.",
    ),
    (
        "Lærerne lærer av hverandre i matematikk",
        "Hver onsdag observerer matematikklærerne hverandres timer og gir "
        "tilbakemelding etterpå. Metoden kalles lesson study, og er hentet fra "
        "Japan. Elevene merker forskjellen: oppgavene er bedre forberedt.",
    ),
    (
        "Sykepleiere tar videreutdanning i demens",
        "Fem sykepleiere fra sykehjemmene har fullført videreutdanning i "
        "demensomsorg ved høgskolen. De har allerede holdt fagdager for "
        "kollegene, og er ressurspersoner for hele kommunen.",
    ),
    (
        "Barnehagelærerne deler kunnskap om språkutvikling",
        "Barnehagene har startet et nettverk der pedagogiske ledere deler det "
        "de har lært om språk hos de minste. Hver måned presenterer én "
        "barnehage et tema. Nettverket har fått ros av statsforvalteren.",
    ),
    (
        "Vår ingeniør leder nasjonal arbeidsgruppe for overvann",
        "Kari Holm i vann og avløp er bedt om å lede en arbeidsgruppe i "
        "Norsk Vann om håndtering av overvann. Hun har i mange år bygget opp "
        "fagmiljøet hos oss, og erfaringene fra flommen i 2023 er etterspurt.",
    ),
    (
        "Ny lederutdanning for alle enhetsledere",
        "Alle enhetsledere skal gjennom et lederprogram over to år, med "
        "samlinger, veiledning i grupper og oppgaver fra egen hverdag. "
        "Programmet gir studiepoeng, og er laget sammen med høgskolen.",
    ),
    (
        "Saksbehandlerne i NAV har tatt kurs i motiverende intervju",
        "Alle veilederne har gjennomført et kurs i motiverende intervju. "
        "Samtalene med brukerne er blitt kortere og mer målrettede, og "
        "veilederne sier de føler seg tryggere i vanskelige samtaler.",
    ),
    (
        "Lærlingene våre tok alle fagbrevet",
        "Alle de fjorten lærlingene som gikk opp til fagprøve i vår, besto. "
        "Fire av dem fikk bestått meget godt. Takk til instruktørene som har "
        "fulgt dem opp i to år; flere av lærlingene har fått fast jobb hos oss.",
    ),
    (
        "Mentorordning for nyansatte sykepleiere",
        "Nyutdannede sykepleiere får en erfaren kollega som mentor det første "
        "året. De møtes hver fjortende dag og går gjennom situasjoner fra "
        "vaktene. Færre slutter det første året, og mentorene sier de selv "
        "lærer mye.",
    ),
    (
        "Byggesaksbehandlere sertifisert i universell utforming",
        "Hele byggesaksavdelingen har tatt kurs og eksamen i universell "
        "utforming. Nå kan de gi bedre råd til utbyggere tidlig i prosessen, og "
        "andre kommuner har bedt dem holde kurset for sine ansatte.",
    ),
    (
        "Helsesykepleierne underviser om psykisk helse i skolen",
        "Helsesykepleierne har utviklet et undervisningsopplegg om psykisk "
        "helse som lærerne nå bruker i alle niende klasser. Opplegget bygger på "
        "forskning og erfaringene fra skolehelsetjenesten.",
    ),
    (
        "Vi lærer opp hverandre i det nye fagsystemet",
        "Tjue superbrukere fra alle enheter har fått grundig opplæring i det "
        "nye fagsystemet. De holder korte kurs for kollegene og svarer på "
        "spørsmål i hverdagen. Superbrukerne møtes jevnlig for å dele tips.",
    ),
    (
        "Fagdag om vold i nære relasjoner samlet 200 ansatte",
        "Ansatte fra barnevernet, skolene, NAV og helsestasjonen var samlet til "
        "fagdag om vold i nære relasjoner. Innlederne var våre egne fagfolk, "
        "og dagen endte med en felles handlingsplan for hvordan vi oppdager og "
        "følger opp.",
    ),
    (
        "Barnevernet får spesialkompetanse i traumebevisst omsorg",
        "Alle ansatte i barnevernstjenesten har gjennomført et års opplæring i "
        "traumebevisst omsorg. Fosterforeldrene får nå veiledning av folk som "
        "kan faget, og tjenesten brukes som eksempel i regionen.",
    ),
    (
        "Regnskapsavdelingen tok autorisasjon",
        "Tre medarbeidere i regnskap har bestått eksamen som autoriserte "
        "regnskapsførere, mens de jobbet fullt. Det styrker kvaliteten i "
        "årsoppgjøret og gjør oss mindre avhengige av innleid hjelp.",
    ),
    (
        "Språkpraksis gir nyankomne arbeidserfaring og norskkunnskaper",
        "Ti deltakere i introduksjonsprogrammet har språkpraksis i barnehager "
        "og på sykehjem. Kollegaer har fått kurs i å veilede på enkelt norsk, "
        "og flere deltakere har begynt på utdanning som helsefagarbeider.",
    ),
    (
        "Kurs i klart språk for alle som skriver til innbyggerne",
        "Over hundre saksbehandlere har tatt kurs i klart språk. De har "
        "skrevet om sine egne standardbrev, og de nye brevene gir færre "
        "telefoner fra innbyggere som ikke forstår vedtaket.",
    ),
    (
        "Ergoterapeut fra oss underviser på høgskolen",
        "Ergoterapeut Anne Berg underviser studentene om hjelpemidler i "
        "hjemmet, med eksempler fra sin egen jobb hos oss. Samarbeidet gir "
        "studentene praksisnær kunnskap, og oss et godt rykte blant dem som "
        "skal søke jobb.",
    ),
    (
        "Brannvesenet øver sammen med nabokommunene",
        "Mannskapene har gjennomført en stor øvelse i røykdykking og redning "
        "sammen med tre nabokommuner. Øvelsen ble ledet av våre egne "
        "instruktører, som er godkjent av Brannskolen.",
    ),
    (
        "Lærere tar master i spesialpedagogikk",
        "Seks lærere fra ungdomsskolene tar master i spesialpedagogikk med "
        "støtte fra Kompetanse for kvalitet. De skal bli ressurspersoner som "
        "veileder kolleger i tilpasset opplæring.",
    ),
    (
        "Økonomikurs for alle budsjettansvarlige",
        "Alle ledere med budsjettansvar har tatt et kurs i økonomistyring. "
        "Kurset ble holdt av økonomiavdelingen selv, og lederne sier de nå "
        "forstår rapportene bedre og ser avvik tidligere.",
    ),
    (
        "Helsefagarbeidere lærer å bruke lindrende kartlegging",
        "Alle helsefagarbeiderne på sykehjemmet har lært å bruke verktøy for å "
        "kartlegge smerte og uro hos beboere i livets siste fase. Kunnskapen "
        "gir tryggere pleie, og pårørende merker det.",
    ),
    (
        "IT-avdelingen deler erfaringer om informasjonssikkerhet",
        "Våre IT-rådgivere holdt kurs om informasjonssikkerhet for ansatte i "
        "syv kommuner på Romerike. De har bygget opp spisskompetanse på "
        "phishing og sikkerhetskultur, som andre nå etterspør.",
    ),
    (
        "Kokkene på sykehjemmet har tatt kurs i ernæring for eldre",
        "Kjøkkenpersonalet har lært mer om hva eldre trenger av mat og næring. "
        "Menyen er endret, og færre beboere går ned i vekt. Kursholderen var "
        "en klinisk ernæringsfysiolog fra sykehuset.",
    ),
)

NEITHER_EXAMPLES = _examples(
    NEITHER,
    (
        "Rådhuset stenger tidlig onsdag før påske",
        "Rådhuset og servicetorget stenger klokken 12 onsdag før påske. "
        "Legevakten har åpent som vanlig, og akutte saker i barnevernet kan "
        "meldes til vakttelefonen.",
    ),
    (
        "Nye parkeringsregler ved rådhuset fra 1. mars",
        "Parkeringsplassen foran rådhuset blir forbeholdt besøkende. Ansatte "
        "parkerer på plassen bak idrettshallen. Har du behov for "
        "tilrettelagt parkering, ta kontakt med lederen din.",
    ),
    (
        "Julebord for ansatte i sentraladministrasjonen",
        "Årets julebord holdes fredag 6. desember på samfunnshuset. "
        "Påmelding innen 15. november til personalforeningen. Det blir "
        "tre retters middag og musikk av husbandet.",
    ),
    (
        "Budsjettet for neste år er vedtatt",
        "Kommunestyret vedtok budsjettet tirsdag kveld. Rammene for "
        "enhetene er i hovedsak som i rådmannens forslag, med en liten "
        "økning til skolene. Enhetslederne får sine rammer i løpet av uken.",
    ),
    (
        "Fv171 stengt ved Fjuk i to uker",
        "Fylkesveien stenges for gjennomkjøring mens broen repareres. "
        "Omkjøring er skiltet via Sørumsand. Hjemmetjenesten i sone sør må "
        "beregne ekstra kjøretid.",
    ),
    (
        "Husk å registrere ferien din innen 1. april",
        "All ferie for sommeren skal registreres i personalsystemet innen "
        "1. april. Lederen godkjenner ferien, og du får svar innen 1. mai.",
    ),
    (
        "Kantina har ny meny",
        "Fra mandag serveres varm lunsj tre dager i uken. Prisen er den samme "
        "som før, og det er alltid et vegetarisk alternativ.",
    ),
    (
        "Ny kommunedirektør er ansatt",
        "Kommunestyret har ansatt Lene Strand som ny kommunedirektør. Hun "
        "kommer fra stillingen som økonomisjef i en nabokommune, og begynner "
        "1. september.",
    ),
    (
        "Vannet stenges i Blaker torsdag",
        "På grunn av arbeid på ledningsnettet blir vannet stengt i deler av "
        "Blaker torsdag mellom klokken 9 og 14. Berørte innbyggere får "
        "melding på SMS.",
    ),
    (
        "Influensavaksine for ansatte i helse og omsorg",
        "Ansatte med pasientkontakt får tilbud om gratis influensavaksine. "
        "Vaksinen settes på helsestasjonen tirsdager og torsdager i "
        "oktober. Ta med ansattkortet.",
    ),
    (
        "Kommunestyret møtes torsdag",
        "Sakslisten for torsdagens møte ligger på nettsidene. Blant sakene er "
        "reguleringsplanen for sentrum og årsmeldingen. Møtet strømmes som "
        "vanlig.",
    ),
    (
        "Medarbeidersamtalene skal være gjennomført innen juni",
        "Alle ansatte skal ha hatt medarbeidersamtale med lederen sin innen "
        "utgangen av juni. Skjemaet ligger i personalhåndboken.",
    ),
    (
        "Flytting av skolekontoret",
        "Skolekontoret flytter fra andre til tredje etasje i rådhuset i uke "
        "12. Telefonnumrene er de samme, men kontoret er stengt onsdag og "
        "torsdag mens flyttingen pågår.",
    ),
    (
        "Nye åpningstider på gjenvinningsstasjonen",
        "Gjenvinningsstasjonen har sommeråpent fra 1. mai, med åpent til "
        "klokken 19 tirsdag og torsdag. Farlig avfall tas imot som før.",
    ),
    (
        "Årsmeldingen for 2024 er klar",
        "Årsmeldingen viser at kommunen fikk et lite overskudd, og at "
        "sykefraværet gikk ned. Enhetene har bidratt med tall og tekst, og "
        "meldingen behandles i kommunestyret i juni.",
    ),
    (
        "Strømbrudd i rådhuset lørdag",
        "Netteier bytter en trafo, og rådhuset er uten strøm lørdag fra 8 til "
        "16. Servere og telefoni er ikke berørt, men heisen står.",
    ),
    (
        "Sommeravslutning for barnehagene",
        "Barnehagene inviterer foreldre og barn til sommerfest i parken "
        "fredag ettermiddag. Det blir grilling, leker og kake. Ta med "
        "klappstol.",
    ),
    (
        "Endringer i reiseregningen",
        "Fra 1. januar gjelder nye satser for kilometergodtgjørelse. "
        "Reiseregningen leveres i personalsystemet som før, senest innen "
        "to måneder etter reisen.",
    ),
    (
        "Høring om ny reguleringsplan for Frogner sentrum",
        "Planforslaget er lagt ut på høring, og fristen for innspill er 15. "
        "mai. Det holdes åpent møte på Frogner skole 2. mai.",
    ),
    (
        "Brannøvelse i rådhuset neste uke",
        "Det blir brannøvelse i rådhuset en dag neste uke. Når alarmen går, "
        "forlater alle bygget og møter på samlingsplassen ved flaggstangen.",
    ),
    (
        "Personalforeningen arrangerer tur til Kolsås",
        "Bli med på høstens tur til Kolsås søndag 22. september. Vi kjører "
        "samlet fra rådhuset klokken 10. Påmelding til styret.",
    ),
    (
        "Skoleruta for neste skoleår er vedtatt",
        "Skolestart blir mandag 18. august, og høstferien er i uke 40. "
        "Planleggingsdagene står i skoleruta på nettsidene.",
    ),
    (
        "Nytt nummer til sentralbordet",
        "Sentralbordet har fått nytt nummer. Det gamle nummeret virker ut "
        "året, men oppdater gjerne signaturen din i e-posten.",
    ),
    (
        "Velkommen til nye ansatte i mars",
        "Vi ønsker velkommen til tolv nye kolleger som startet i mars, blant "
        "dem to sykepleiere, en vaktmester og en ingeniør i plan og bygg.",
    ),
)

EXAMPLES: list[Example] = [
    *INNOVATION_EXAMPLES,
    *COMPETENCE_EXAMPLES,
    *NEITHER_EXAMPLES,
]


def demo_examples() -> list[Example]:
    """The demo data's news articles and case updates, as the demo publishes
    them (title, intro, text, quote and facts), labelled by their themes."""
    found = []
    for article in load("news")["articles"]:
        parts = [article["intro"], article["text"]]
        if article.get("quote"):
            parts.append(article["quote"]["text"])
        parts.extend(article.get("facts", ()))
        parts.extend(article.get("tags", ()))
        themes = article.get("themes", ())
        found.append(
            Example(
                article["title"], "\n".join(parts), themes[0] if themes else NEITHER
            )
        )
    for case in load("cases")["cases"]:
        for update in case["updates"]:
            found.append(
                Example(
                    update["title"],
                    "\n".join([update["intro"], update["text"]]),
                    update.get("theme") or NEITHER,
                )
            )
    return found
