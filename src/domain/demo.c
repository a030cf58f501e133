/*
 * demo.c — the demonstration data set loaded by `samverka init --demo`.
 *
 * Two missions modelled on Vinnova's mission areas, school meals ("Ett nytt
 * recept för skolmåltider") and streets ("Street Moves", "Framtidsgator"), with
 * goal trees, indicators with real Swedish series, actors, people, teams and
 * initiatives. Everything is built from docs/demo-facts.md, whose sources are
 * Vinnova's project pages, Livsmedelsverket, Naturvårdsverket, Sveriges
 * miljömål, miljomal.se, Trafikanalys, 2030-sekretariatet, Ekomatcentrum (via
 * Ekofakta), ArkDes, Spacescape and Viable Cities; each indicator and
 * observation names its own source.
 *
 * Rules this file keeps:
 * - Everything is demo content: missions, actors, people and initiatives are
 *   stored with is_demo = 1. People are fictional (example.org addresses).
 * - Values the facts do not give, added only to make a series, carry the note
 *   "Demo: illustrative value" and the source DEMO_SOURCE, so nothing
 *   fictional looks official. Initiatives the facts do not name say
 *   "Demo example" in their summary.
 * - Organisation numbers are set only where the real number is known (the
 *   agencies' numbers are those of the state's agency register); otherwise NULL.
 * - The data are tables; cross-references are keys (slugs), resolved to ids by
 *   the loader. Every statement lives in db/q_demo.def; values are bound.
 *
 * demo_load runs inside the caller's transaction and never begins or commits.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "domain/audit.h"
#include "domain/demo.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define DEMO_SOURCE "samverka demo data set"
#define DEMO_NOTE   "Demo: illustrative value"

/* ---- table shapes: every row starts with its key ---- */

struct demo_actor {
    const char *slug, *name, *orgnr, *sector, *sni, *municipality, *website;
    const char *description_sv, *description_en;
    const char *disciplines[4];
};

struct demo_person {
    const char *key, *actor, *name, *title_sv, *title_en, *email, *phone;
};

struct demo_mission {
    const char *slug, *title_sv, *title_en, *goal_sv, *goal_en, *description_sv, *description_en;
    const char *deadline;
    int start_year;
    const char *status, *owner;
    const char *sdg_targets[10];
};

struct demo_objective {
    const char *key, *mission, *parent; /* parent NULL: top level; parents come first */
    const char *title_sv, *title_en, *description_sv, *description_en;
    double weight;
};

struct demo_indicator {
    const char *key, *objective;
    const char *title_sv, *title_en, *description_sv, *description_en, *unit_sv, *unit_en;
    const char *direction;
    int decimals;
    int base_year; /* 0: no baseline */
    double base_value;
    const char *target_kind; /* absolute | relative (percent change) | none */
    double target_value;
    int target_year;
    const char *source, *source_url;
    double weight;
    const char *dimensions[2];     /* disaggregation columns, in order */
    const char *sdg_indicators[3]; /* UN indicator codes */
};

enum demo_kind { REAL, ILLUSTRATIVE };

struct demo_observation {
    const char *indicator, *period;
    double value;
    const char *disagg; /* "" headline, else "Field=Value" pairs joined by 0x1f */
    enum demo_kind kind;
    const char *source; /* NULL: the indicator's source */
    const char *note;
};

struct demo_part {
    const char *actor, *role;
};

struct demo_initiative {
    const char *slug, *mission, *title_sv, *title_en, *summary_sv, *summary_en;
    const char *origin, *status, *lead; /* lead NULL: none known */
    const char *start_date, *end_date;  /* NULL: not known */
    long long budget_sek;               /* 0: not known */
    const char *funding, *hypotheses_sv, *hypotheses_en, *learnings_sv, *learnings_en;
    struct demo_part parts[8]; /* besides the lead */
    const char *objectives[4];
    const char *sdg_targets[4];
};

struct demo_team {
    const char *mission, *person, *role;
    int is_contact;
};

/* ---- actors ---- */

static const struct demo_actor actors[] = {
    /* public sector: agencies */
    {.slug = "livsmedelsverket",
     .name = "Livsmedelsverket",
     .orgnr = "202100-1850",
     .sector = "public",
     .sni = "84112",
     .municipality = "0380",
     .website = "https://www.livsmedelsverket.se",
     .description_sv = "Sveriges livsmedelsmyndighet; samordnade Ett nytt recept för skolmåltider.",
     .description_en = "The Swedish Food Agency; coordinated A new recipe for school meals.",
     .disciplines = {"nutrition", "public meals", "food policy"}},
    {.slug = "vinnova",
     .name = "Vinnova",
     .orgnr = "202100-5216",
     .sector = "public",
     .sni = "84139",
     .municipality = "0180",
     .website = "https://www.vinnova.se",
     .description_sv =
         "Sveriges innovationsmyndighet; finansierar missionsarbetet om skolmåltider och "
         "gator.",
     .description_en = "Sweden's innovation agency; funds the mission work on school meals and "
                       "streets.",
     .disciplines = {"innovation policy", "mission-oriented innovation"}},
    {.slug = "naturvardsverket",
     .name = "Naturvårdsverket",
     .orgnr = "202100-1975",
     .sector = "public",
     .sni = "84125",
     .municipality = "0180",
     .website = "https://www.naturvardsverket.se",
     .description_sv = "Miljömyndighet som redovisar utsläppen från inrikes transporter och följer "
                       "upp matsvinnet.",
     .description_en = "Environmental agency that reports domestic transport emissions and follows "
                       "up food waste.",
     .disciplines = {"climate policy", "environmental statistics"}},
    {.slug = "mucf",
     .name = "Myndigheten för ungdoms- och civilsamhällesfrågor (MUCF)",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84125",
     .municipality = "0780",
     .website = "https://www.mucf.se",
     .description_sv = "Myndighet för ungdoms- och civilsamhällesfrågor; bidrar med kunskap om "
                       "elevers inflytande.",
     .description_en = "Agency for youth and civil society; contributes knowledge on pupils' "
                       "influence.",
     .disciplines = {"youth participation", "civil society"}},
    {.slug = "jordbruksverket",
     .name = "Jordbruksverket",
     .orgnr = "202100-4151",
     .sector = "public",
     .sni = "84132",
     .municipality = "0680",
     .website = "https://jordbruksverket.se",
     .description_sv = "Myndighet för jordbruk, fiske och landsbygd; med i Ett nytt recept för "
                       "skolmåltider.",
     .description_en = "Agency for agriculture, fisheries and rural areas; part of A new recipe "
                       "for school meals.",
     .disciplines = {"agriculture", "food production"}},
    {.slug = "folkhalsomyndigheten",
     .name = "Folkhälsomyndigheten",
     .orgnr = "202100-6545",
     .sector = "public",
     .sni = "84123",
     .municipality = "0184",
     .website = "https://www.folkhalsomyndigheten.se",
     .description_sv = "Folkhälsomyndighet som följer barns och ungas matvanor och hälsa.",
     .description_en = "Public health agency that follows children's eating habits and health.",
     .disciplines = {"public health", "nutrition"}},
    {.slug = "skr",
     .name = "Sveriges Kommuner och Regioner (SKR)",
     .orgnr = NULL,
     .sector = "public",
     .sni = "94112",
     .municipality = "0180",
     .website = "https://skr.se",
     .description_sv = "Arbetsgivar- och medlemsorganisation för Sveriges kommuner och regioner.",
     .description_en = "Employer and member organisation of Sweden's municipalities and regions.",
     .disciplines = {"public administration", "public meals"}},
    {.slug = "upphandlingsmyndigheten",
     .name = "Upphandlingsmyndigheten",
     .orgnr = "202100-6610",
     .sector = "public",
     .sni = "84111",
     .municipality = "0184",
     .website = "https://www.upphandlingsmyndigheten.se",
     .description_sv = "Myndighet som stöder hållbar offentlig upphandling, också av livsmedel.",
     .description_en = "Agency supporting sustainable public procurement, food included.",
     .disciplines = {"procurement"}},
    {.slug = "arkdes",
     .name = "ArkDes",
     .orgnr = "202100-3427",
     .sector = "public",
     .sni = "91020",
     .municipality = "0180",
     .website = "https://arkdes.se",
     .description_sv = "Statens centrum för arkitektur och design; driver Street Moves.",
     .description_en = "Sweden's national centre for architecture and design; runs Street Moves.",
     .disciplines = {"architecture", "urban design", "design research"}},
    {.slug = "trafikverket",
     .name = "Trafikverket",
     .orgnr = "202100-6297",
     .sector = "public",
     .sni = "84131",
     .municipality = "2081",
     .website = "https://www.trafikverket.se",
     .description_sv = "Myndighet som planerar transportsystemet; senare part i Klimatkontrakt "
                       "2030.",
     .description_en = "Agency planning the transport system; later a party to Climate City "
                       "Contract 2030.",
     .disciplines = {"transport planning", "road safety"}},
    {.slug = "transportstyrelsen",
     .name = "Transportstyrelsen",
     .orgnr = "202100-6099",
     .sector = "public",
     .sni = "84112",
     .municipality = "0581",
     .website = "https://www.transportstyrelsen.se",
     .description_sv =
         "Myndighet för regler och tillstånd i transportsystemet; med i Framtidsgator.",
     .description_en = "Agency for transport rules and permits; took part in Framtidsgator.",
     .disciplines = {"transport regulation"}},
    {.slug = "energimyndigheten",
     .name = "Energimyndigheten",
     .orgnr = "202100-5000",
     .sector = "public",
     .sni = "84139",
     .municipality = "0484",
     .website = "https://www.energimyndigheten.se",
     .description_sv = "Energimyndighet; finansierar Shift2Access och är part i Klimatkontrakt "
                       "2030.",
     .description_en = "Energy agency; funds Shift2Access and is a party to Climate City Contract "
                       "2030.",
     .disciplines = {"energy policy", "climate policy"}},
    {.slug = "formas",
     .name = "Formas",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84122",
     .municipality = "0180",
     .website = "https://formas.se",
     .description_sv = "Forskningsråd för hållbar utveckling; finansierar Shift2Access.",
     .description_en = "Research council for sustainable development; funds Shift2Access.",
     .disciplines = {"research funding"}},
    {.slug = "trafikanalys",
     .name = "Trafikanalys",
     .orgnr = "202100-6305",
     .sector = "public",
     .sni = "84114",
     .municipality = "0180",
     .website = "https://www.trafa.se",
     .description_sv = "Myndighet för transportstatistik och uppföljning av transportpolitiken.",
     .description_en = "Agency for transport statistics and policy evaluation.",
     .disciplines = {"statistics", "transport policy"}},
    /* public sector: municipalities and a municipal company */
    {.slug = "hofors-kommun",
     .name = "Hofors kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "2104",
     .website = "https://www.hofors.se",
     .description_sv = "En av fyra utvecklingsmiljöer för hållbara skolmåltider sedan 2021.",
     .description_en = "One of four development environments for sustainable school meals since "
                       "2021.",
     .disciplines = {"public meals", "local food production"}},
    {.slug = "karlstads-kommun",
     .name = "Karlstads kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "1780",
     .website = "https://karlstad.se",
     .description_sv = "En av fyra utvecklingsmiljöer för hållbara skolmåltider sedan 2021.",
     .description_en = "One of four development environments for sustainable school meals since "
                       "2021.",
     .disciplines = {"public meals", "procurement"}},
    {.slug = "munkedals-kommun",
     .name = "Munkedals kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "1430",
     .website = "https://www.munkedal.se",
     .description_sv = "En av fyra utvecklingsmiljöer för hållbara skolmåltider sedan 2021.",
     .description_en = "One of four development environments for sustainable school meals since "
                       "2021.",
     .disciplines = {"public meals", "food waste"}},
    {.slug = "vallentuna-kommun",
     .name = "Vallentuna kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "0115",
     .website = "https://www.vallentuna.se",
     .description_sv = "En av fyra utvecklingsmiljöer för hållbara skolmåltider sedan 2021.",
     .description_en = "One of four development environments for sustainable school meals since "
                       "2021.",
     .disciplines = {"public meals", "education"}},
    {.slug = "hultsfreds-kommun",
     .name = "Hultsfreds kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "0860",
     .website = "https://www.hultsfred.se",
     .description_sv = "Deltog i Street Moves 2 med tillfälliga gatuförändringar.",
     .description_en = "Took part in Street Moves 2 with temporary street changes.",
     .disciplines = {"urban planning"}},
    {.slug = "harnosands-kommun",
     .name = "Härnösands kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "2280",
     .website = "https://www.harnosand.se",
     .description_sv = "Deltog i Street Moves 2 med tillfälliga gatuförändringar.",
     .description_en = "Took part in Street Moves 2 with temporary street changes.",
     .disciplines = {"urban planning"}},
    {.slug = "sodertalje-kommun",
     .name = "Södertälje kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "0181",
     .website = "https://www.sodertalje.se",
     .description_sv = "Deltog i Street Moves 2 med tillfälliga gatuförändringar.",
     .description_en = "Took part in Street Moves 2 with temporary street changes.",
     .disciplines = {"urban planning"}},
    {.slug = "goteborgs-stad",
     .name = "Göteborgs Stad",
     .orgnr = "212000-1355",
     .sector = "public",
     .sni = "84111",
     .municipality = "1480",
     .website = "https://goteborg.se",
     .description_sv = "Pilotstad i Street Moves och partner i FRAMTIDSGATAN.",
     .description_en = "Pilot city in Street Moves and partner in FRAMTIDSGATAN.",
     .disciplines = {"urban planning", "transport planning"}},
    {.slug = "helsingborgs-stad",
     .name = "Helsingborgs stad",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "1283",
     .website = "https://helsingborg.se",
     .description_sv = "Pilotstad i Street Moves och Street Moves 2.",
     .description_en = "Pilot city in Street Moves and Street Moves 2.",
     .disciplines = {"urban planning"}},
    {.slug = "umea-kommun",
     .name = "Umeå kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "2480",
     .website = "https://www.umea.se",
     .description_sv = "Gör Storgatan permanent efter försöken i FRAMTIDSGATAN.",
     .description_en = "Making Storgatan permanent after the FRAMTIDSGATAN trials.",
     .disciplines = {"urban planning", "transport planning"}},
    {.slug = "stockholms-stad",
     .name = "Stockholms stad",
     .orgnr = "212000-0142",
     .sector = "public",
     .sni = "84111",
     .municipality = "0180",
     .website = "https://start.stockholm",
     .description_sv = "Gör Roslagsgatan och Helsingforsgatan permanenta efter försöken med "
                       "mobilitetshubbar.",
     .description_en = "Making Roslagsgatan and Helsingforsgatan permanent after the mobility-hub "
                       "trials.",
     .disciplines = {"urban planning", "transport planning"}},
    {.slug = "gavle-kommun",
     .name = "Gävle kommun",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "2180",
     .website = "https://www.gavle.se",
     .description_sv = "Har tagit fram en plan för smarta gator.",
     .description_en = "Has drawn up a smart-streets plan.",
     .disciplines = {"urban planning"}},
    {.slug = "sundbybergs-stad",
     .name = "Sundbybergs stad",
     .orgnr = NULL,
     .sector = "public",
     .sni = "84111",
     .municipality = "0183",
     .website = "https://sundbyberg.se",
     .description_sv = "Har påbörjat en plan för smarta gator.",
     .description_en = "Has started a smart-streets plan.",
     .disciplines = {"urban planning"}},
    {.slug = "framtiden-ab",
     .name = "Framtiden AB",
     .orgnr = NULL,
     .sector = "public",
     .sni = "68201",
     .municipality = "1480",
     .website = "https://www.framtiden.se",
     .description_sv = "Göteborgs Stads bostadskoncern; partner i FRAMTIDSGATAN.",
     .description_en = "The City of Gothenburg's housing group; partner in FRAMTIDSGATAN.",
     .disciplines = {"housing"}},
    /* academia and research institutes */
    {.slug = "kth",
     .name = "KTH Kungliga Tekniska högskolan",
     .orgnr = "202100-3054",
     .sector = "academia",
     .sni = "85420",
     .municipality = "0180",
     .website = "https://www.kth.se",
     .description_sv = "Teknisk högskola; ledde forskningskonsortiet Smarta gator.",
     .description_en = "University of technology; led the Smart streets research consortium.",
     .disciplines = {"transport research", "urban planning"}},
    {.slug = "chalmers",
     .name = "Chalmers tekniska högskola",
     .orgnr = "556479-5598",
     .sector = "academia",
     .sni = "85420",
     .municipality = "1480",
     .website = "https://www.chalmers.se",
     .description_sv = "Teknisk högskola; partner i Smarta gator.",
     .description_en = "University of technology; partner in Smart streets.",
     .disciplines = {"transport research", "architecture"}},
    {.slug = "vti",
     .name = "VTI, Statens väg- och transportforskningsinstitut",
     .orgnr = "202100-0704",
     .sector = "academia",
     .sni = "72190",
     .municipality = "0580",
     .website = "https://www.vti.se",
     .description_sv = "Forskningsinstitut för väg och transport; partner i Smarta gator.",
     .description_en = "Road and transport research institute; partner in Smart streets.",
     .disciplines = {"transport research", "cycling"}},
    {.slug = "rise",
     .name = "RISE Research Institutes of Sweden",
     .orgnr = NULL,
     .sector = "academia",
     .sni = "72190",
     .municipality = "1490",
     .website = "https://www.ri.se",
     .description_sv = "Forskningsinstitut; ledde Hållbara skolmåltider genom digitalisering.",
     .description_en = "Research institute; led Sustainable school meals thru digitalization.",
     .disciplines = {"digitalisation", "food science"}},
    {.slug = "ivl",
     .name = "IVL Svenska Miljöinstitutet",
     .orgnr = NULL,
     .sector = "academia",
     .sni = "72190",
     .municipality = "0180",
     .website = "https://www.ivl.se",
     .description_sv = "Miljöforskningsinstitut; partner i FRAMTIDSGATAN.",
     .description_en = "Environmental research institute; partner in FRAMTIDSGATAN.",
     .disciplines = {"environmental science", "mobility research"}},
    {.slug = "slu",
     .name = "Sveriges lantbruksuniversitet (SLU)",
     .orgnr = NULL,
     .sector = "academia",
     .sni = "85420",
     .municipality = "0380",
     .website = "https://www.slu.se",
     .description_sv = "Universitet för de gröna näringarna; forskning om hållbar "
                       "livsmedelsproduktion.",
     .description_en = "University of agricultural sciences; research on sustainable food "
                       "production.",
     .disciplines = {"agriculture", "food production"}},
    {.slug = "orebro-universitet",
     .name = "Örebro universitet",
     .orgnr = NULL,
     .sector = "academia",
     .sni = "85420",
     .municipality = "1880",
     .website = "https://www.oru.se",
     .description_sv = "Universitet med forskning och utbildning i måltidskunskap.",
     .description_en = "University with research and teaching in culinary and meal science.",
     .disciplines = {"meal science", "education"}},
    {.slug = "umea-universitet",
     .name = "Umeå universitet",
     .orgnr = NULL,
     .sector = "academia",
     .sni = "85420",
     .municipality = "2480",
     .website = "https://www.umu.se",
     .description_sv = "Universitet med forskning om folkhälsa och stadsutveckling.",
     .description_en = "University with research on public health and urban development.",
     .disciplines = {"public health", "urban planning"}},
    /* private sector */
    {.slug = "spacescape",
     .name = "Spacescape",
     .orgnr = NULL,
     .sector = "private",
     .sni = "71110",
     .municipality = "0180",
     .website = "https://www.spacescape.se",
     .description_sv = "Stadsbyggnadskonsult; leder Framtidsgator och FRAMTIDSGATAN.",
     .description_en = "Urban planning consultancy; leads Framtidsgator and FRAMTIDSGATAN.",
     .disciplines = {"urban design", "spatial analysis"}},
    {.slug = "lundbergdesign",
     .name = "LundbergDesign",
     .orgnr = NULL,
     .sector = "private",
     .sni = "74101",
     .municipality = "0180",
     .website = NULL,
     .description_sv = "Designkontor; formgav Street Moves gatumoduler i trä.",
     .description_en = "Design studio; designed the Street Moves wooden street kits.",
     .disciplines = {"industrial design", "urban design"}},
    {.slug = "white",
     .name = "White arkitekter",
     .orgnr = NULL,
     .sector = "private",
     .sni = "71110",
     .municipality = "0180",
     .website = "https://whitearkitekter.com",
     .description_sv = "Arkitektkontor; partner i Smarta gator och Framtidsgator.",
     .description_en = "Architecture practice; partner in Smart streets and Framtidsgator.",
     .disciplines = {"architecture", "urban design"}},
    {.slug = "sweco",
     .name = "Sweco",
     .orgnr = NULL,
     .sector = "private",
     .sni = "71121",
     .municipality = "0180",
     .website = "https://www.sweco.se",
     .description_sv = "Teknikkonsult; partner i Smarta gator.",
     .description_en = "Engineering consultancy; partner in Smart streets.",
     .disciplines = {"engineering", "transport planning"}},
    {.slug = "norconsult",
     .name = "Norconsult",
     .orgnr = NULL,
     .sector = "private",
     .sni = "71121",
     .municipality = "1480",
     .website = "https://www.norconsult.se",
     .description_sv = "Teknikkonsult; partner i FRAMTIDSGATAN.",
     .description_en = "Engineering consultancy; partner in FRAMTIDSGATAN.",
     .disciplines = {"engineering", "transport planning"}},
    {.slug = "edge",
     .name = "Edge",
     .orgnr = NULL,
     .sector = "private",
     .sni = "71129",
     .municipality = NULL,
     .website = NULL,
     .description_sv = "Partner i FRAMTIDSGATAN.",
     .description_en = "Partner in FRAMTIDSGATAN.",
     .disciplines = {"urban design"}},
    {.slug = "voi",
     .name = "VOI",
     .orgnr = NULL,
     .sector = "private",
     .sni = "49390",
     .municipality = "0180",
     .website = "https://www.voi.com",
     .description_sv = "Delade elsparkcyklar; med i Framtidsgators mobilitetshubbar.",
     .description_en = "Shared e-scooters; part of the Framtidsgator mobility hubs.",
     .disciplines = {"mobility services"}},
    {.slug = "m-volvo-car-mobility",
     .name = "M – Volvo Car Mobility",
     .orgnr = NULL,
     .sector = "private",
     .sni = "77110",
     .municipality = "1480",
     .website = NULL,
     .description_sv = "Bildelning; med i Framtidsgators mobilitetshubbar.",
     .description_en = "Car sharing; part of the Framtidsgator mobility hubs.",
     .disciplines = {"mobility services"}},
    {.slug = "novus",
     .name = "Novus",
     .orgnr = NULL,
     .sector = "private",
     .sni = "73200",
     .municipality = "0180",
     .website = "https://novus.se",
     .description_sv = "Undersökningsföretag; mätte de boendes syn på mobilitetshubbarna.",
     .description_en = "Survey company; measured residents' views of the mobility hubs.",
     .disciplines = {"survey research"}},
    {.slug = "frisk-mat",
     .name = "Frisk Mat",
     .orgnr = NULL,
     .sector = "private",
     .sni = "70220",
     .municipality = NULL,
     .website = NULL,
     .description_sv = "Ledde förstudien Policylabb för offentliga måltider (2025).",
     .description_en = "Led the feasibility study Policy lab for public meals (2025).",
     .disciplines = {"policy design", "public meals"}},
    {.slug = "exempelgarden",
     .name = "Exempelgårdens grönsaker (demo)",
     .orgnr = NULL,
     .sector = "private",
     .sni = "01133",
     .municipality = "2104",
     .website = NULL,
     .description_sv = "Påhittat odlingsföretag i demodata; levererar grönsaker till skolkök.",
     .description_en = "Fictional demo grower; supplies vegetables to school kitchens.",
     .disciplines = {"food production", "local food"}},
    /* civil society */
    {.slug = "mattanken",
     .name = "MATtanken",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = NULL,
     .website = "https://mattanken.se",
     .description_sv = "Drev erfarenhetsutbyte och nätverk i fas 3 av Ett nytt recept för "
                       "skolmåltider.",
     .description_en = "Ran experience exchange and networking in phase 3 of A new recipe for "
                       "school meals.",
     .disciplines = {"public meals", "networks"}},
    {.slug = "ekomatcentrum",
     .name = "Ekomatcentrum",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = NULL,
     .website = "https://ekomatcentrum.se",
     .description_sv = "Ideell organisation som följer den ekologiska andelen i offentlig sektor.",
     .description_en = "Non-profit that tracks the organic share of public-sector food.",
     .disciplines = {"organic food", "procurement"}},
    {.slug = "elevradsnatverket",
     .name = "Elevrådsnätverket för skolmat (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "1430",
     .website = NULL,
     .description_sv = "Påhittat nätverk av elevråd i demodata; driver elevernas röst om "
                       "skolmaten.",
     .description_en = "Fictional demo network of pupils' councils; voices pupils' views on "
                       "school food.",
     .disciplines = {"youth participation"}},
    {.slug = "foraldraforeningen-matglad",
     .name = "Föräldraföreningen Matglad (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "0115",
     .website = NULL,
     .description_sv = "Påhittad föräldraförening i demodata.",
     .description_en = "Fictional demo parents' association.",
     .disciplines = {"civic engagement", "nutrition"}},
    {.slug = "levande-gator",
     .name = "Föreningen Levande gator (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "1283",
     .website = NULL,
     .description_sv = "Påhittad förening i demodata för bilfria och levande gator.",
     .description_en = "Fictional demo association for car-free, vibrant streets.",
     .disciplines = {"civic engagement", "urban design"}},
    {.slug = "cykelforeningen-trampa",
     .name = "Cykelföreningen Trampa (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "0860",
     .website = NULL,
     .description_sv = "Påhittad cykelförening i demodata.",
     .description_en = "Fictional demo cycling association.",
     .disciplines = {"cycling"}},
    {.slug = "grannskapsforeningen-storgatan",
     .name = "Grannskapsföreningen Storgatan (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "2480",
     .website = NULL,
     .description_sv = "Påhittad grannskapsförening i demodata.",
     .description_en = "Fictional demo neighbourhood association.",
     .disciplines = {"civic engagement"}},
    {.slug = "seniorernas-gangnatverk",
     .name = "Seniorernas gångnätverk (demo)",
     .orgnr = NULL,
     .sector = "civil_society",
     .sni = "94990",
     .municipality = "2280",
     .website = NULL,
     .description_sv = "Påhittat nätverk i demodata för äldres gångvänliga gator.",
     .description_en = "Fictional demo network for walkable streets for older people.",
     .disciplines = {"accessibility", "public health"}},
    /* other */
    {.slug = "viable-cities",
     .name = "Viable Cities",
     .orgnr = NULL,
     .sector = "other",
     .sni = "72190",
     .municipality = "0180",
     .website = "https://viablecities.se",
     .description_sv = "Strategiskt innovationsprogram för klimatneutrala städer 2030; samordnar "
                       "Klimatkontrakt 2030.",
     .description_en = "Strategic innovation programme for climate-neutral cities 2030; "
                       "coordinates Climate City Contract 2030.",
     .disciplines = {"climate policy", "mission-oriented innovation"}},
};

/* ---- people (fictional) ---- */

static const struct demo_person people[] = {
    {"maria-holm", "livsmedelsverket", "Maria Holm", "Missionsledare", "Mission lead",
     "maria.holm@example.org", "+46 70-000 00 01"},
    {"johan-ekberg", "vinnova", "Johan Ekberg", "Programansvarig", "Programme manager",
     "johan.ekberg@example.org", "+46 70-000 00 02"},
    {"sara-nystrom", "livsmedelsverket", "Sara Nyström", "Analytiker", "Analyst",
     "sara.nystrom@example.org", NULL},
    {"amir-haddad", "vinnova", "Amir Haddad", "Kommunikatör", "Communications officer",
     "amir.haddad@example.org", "+46 70-000 00 04"},
    {"lena-sjoberg", "skr", "Lena Sjöberg", "Handläggare, offentliga måltider",
     "Adviser, public meals", "lena.sjoberg@example.org", NULL},
    {"erik-lindgren", "arkdes", "Erik Lindgren", "Missionsledare", "Mission lead",
     "erik.lindgren@example.org", "+46 70-000 00 06"},
    {"fatima-yilmaz", "vinnova", "Fatima Yilmaz", "Programansvarig", "Programme manager",
     "fatima.yilmaz@example.org", "+46 70-000 00 07"},
    {"oskar-dahl", "spacescape", "Oskar Dahl", "Analytiker, stadsbyggnad", "Urban analyst",
     "oskar.dahl@example.org", NULL},
    {"ida-wallin", "trafikverket", "Ida Wallin", "Kommunikatör", "Communications officer",
     "ida.wallin@example.org", "+46 70-000 00 09"},
    {"per-sandberg", "hofors-kommun", "Per Sandberg", "Kostchef", "Head of meal services",
     "per.sandberg@example.org", "+46 70-000 00 10"},
    {"nora-ahmed", "umea-kommun", "Nora Ahmed", "Trafikplanerare", "Traffic planner",
     "nora.ahmed@example.org", NULL},
    {"linnea-forsberg", "rise", "Linnea Forsberg", "Forskare", "Researcher",
     "linnea.forsberg@example.org", NULL},
    {"gustav-persson", "kth", "Gustav Persson", "Forskare", "Researcher",
     "gustav.persson@example.org", NULL},
    {"emma-strand", "elevradsnatverket", "Emma Strand", "Samordnare", "Coordinator",
     "emma.strand@example.org", "+46 70-000 00 14"},
};

/* ---- missions ---- */

static const struct demo_mission missions[] = {
    {.slug = "skolmat",
     .title_sv = "Hållbar och god skolmat",
     .title_en = "Sustainable and good school food",
     .goal_sv = "Varje barn i Sverige ska äta hållbar och god skolmat",
     .goal_en = "Every child in Sweden eats sustainable and good school food",
     .description_sv =
         "*Demo: den här missionen är demonstrationsinnehåll byggt på offentliga uppgifter om "
         "Vinnovas och Livsmedelsverkets arbete med skolmåltider. Personerna är påhittade, och "
         "målåret 2030 är satt för demon.*\n\n"
         "Skolmåltiden är ett **system i systemet**. Omkring 1,3 miljoner skolmåltider serveras "
         "varje dag, och offentliga måltider i vård, skola och omsorg är sammanlagt ungefär "
         "3 miljoner om dagen. Kommunerna köper livsmedel för 5–10 miljarder kronor om året. "
         "Därför kan skolmåltiden bli en hävstång för att ställa om hela livsmedelssystemet.\n\n"
         "Arbetet började 2019, när Vinnova samlade aktörer från hela livsmedelskedjan. "
         "Skolmåltider blev ett av fyra områden som gick vidare, och Livsmedelsverket samordnade "
         "projektet *Ett nytt recept för skolmåltider* med policylabb, prototypskolor och en "
         "öppen designprocess, med blick för de osynliga lagren: styrning, lagar, policy och "
         "förmåga. Hofors, Karlstad, Munkedal och Vallentuna valdes 2021 bland 25 sökande till "
         "utvecklingsmiljöer.\n\n"
         "Förväntade effekter är bättre hälsa, biologisk mångfald, minskad klimatpåverkan, en "
         "starkare lokal ekonomi, bättre skolresultat, ny policy, nya former av "
         "livsmedelsproduktion och nya relationer mellan producenter och konsumenter.\n\n"
         "Källor: [Vinnova, projektet]"
         "(https://www.vinnova.se/en/p/a-new-recipe-for-school-meals/), "
         "[Livsmedelsverket, fakta om offentliga måltider]"
         "(https://www.livsmedelsverket.se/matvanor-halsa--miljo/maltider-i-vard-skola-och-omsorg/"
         "om-offentliga-maltider/fakta-om-offentliga-maltider).",
     .description_en =
         "*Demo: this mission is demonstration content built from public information about the "
         "school-meal work of Vinnova and the Swedish Food Agency. The people are fictional, and "
         "the 2030 deadline is set for the demo.*\n\n"
         "School meals are a **system within the system**. About 1.3 million school meals are "
         "served every day, and public meals in care, school and welfare add up to about "
         "3 million a day. Municipalities buy food for SEK 5–10 billion a year. That makes the "
         "school meal a lever for changing the whole food system.\n\n"
         "The work began in 2019, when Vinnova gathered actors from the whole food chain. School "
         "meals became one of four areas taken forward, and the Swedish Food Agency coordinated "
         "the project *A new recipe for school meals* with policy labs, prototype schools and an "
         "open design process, paying attention to the invisible layers: governance, law, policy "
         "and capability. Hofors, Karlstad, Munkedal and Vallentuna were chosen from 25 "
         "applicants in 2021 as development environments.\n\n"
         "Expected effects are better health, biodiversity, less climate impact, a stronger "
         "local economy, better educational results, new policy, new forms of food production "
         "and new relations between producers and consumers.\n\n"
         "Sources: [Vinnova, project](https://www.vinnova.se/en/p/a-new-recipe-for-school-meals/), "
         "[Swedish Food Agency, facts on public meals]"
         "(https://www.livsmedelsverket.se/matvanor-halsa--miljo/maltider-i-vard-skola-och-omsorg/"
         "om-offentliga-maltider/fakta-om-offentliga-maltider).",
     .deadline = "2030-12-31",
     .start_year = 2019,
     .status = "active",
     .owner = "maria-holm",
     .sdg_targets = {"2.1", "2.2", "2.4", "3.4", "4.7", "12.3", "12.7", "12.8", "13.3"}},
    {.slug = "gator",
     .title_sv = "Hållbara, hälsosamma och levande gator",
     .title_en = "Sustainable, healthy and vibrant streets",
     .goal_sv = "Alla Sveriges gator ska vara hållbara, hälsosamma och levande till 2030",
     .goal_en = "All of Sweden's streets are sustainable, healthy and vibrant by 2030",
     .description_sv =
         "*Demo: den här missionen är demonstrationsinnehåll byggt på offentliga uppgifter om "
         "Street Moves, Framtidsgator och angränsande arbete. Personerna är påhittade.*\n\n"
         "Gatorna tar upp 20–30 procent av stadens yta. Ändå används de mest för att flytta och "
         "parkera bilar. Missionen vill göra gatan till en plats för möten, rörelse och grönska, "
         "och samtidigt bidra till klimatmålet för transporterna: utsläppen från inrikes "
         "transporter ska minska med 70 procent till 2030 jämfört med 2010. Transporterna står "
         "för ungefär en tredjedel av Sveriges utsläpp, och över 90 procent av dem kommer från "
         "vägtrafiken.\n\n"
         "**Street Moves** startade våren 2020 på ArkDes med gatumoduler i trä, formgivna med "
         "LundbergDesign, för parkering av elsparkcyklar, utegym, sittplatser, växter och "
         "laddning för delade bilar: *enminutersstaden*, där gatan utanför porten blir en "
         "mötesplats. Efter piloter i Stockholm, Göteborg och Helsingborg prövade Street Moves 2 "
         "metoderna i sex kommuner; i Hultsfred, Härnösand och Södertälje var 81 procent positiva "
         "till de tillfälliga förändringarna.\n\n"
         "**Framtidsgator**, lett av Spacescape, byggde mobilitetshubbar i Stockholm; mer än "
         "70 procent av de boende var positiva. Storgatan i Umeå och Roslagsgatan/"
         "Helsingforsgatan i Stockholm görs nu permanenta.\n\n"
         "Källor: [ArkDes, Street Moves](https://streetmoves.arkdes.se/), "
         "[Vinnova, Street Moves 2](https://www.vinnova.se/p/street-moves-2/), "
         "[Vinnova, FRAMTIDSGATAN](https://vinnova.se/en/p/future-street).",
     .description_en =
         "*Demo: this mission is demonstration content built from public information about "
         "Street Moves, Framtidsgator and neighbouring work. The people are fictional.*\n\n"
         "Streets take up 20–30 % of a city's area, yet they are used mostly to move and park "
         "cars. The mission wants the street to be a place for meeting, moving and greenery, and "
         "to help meet the transport climate target: emissions from domestic transport are to "
         "fall by 70 % by 2030 compared with 2010. Transport is about a third of Sweden's "
         "emissions, and over 90 % of that comes from road traffic.\n\n"
         "**Street Moves** began in spring 2020 at ArkDes with wooden street kits, designed with "
         "LundbergDesign, holding e-scooter parking, an outdoor gym, seating, planting and "
         "charging for shared cars: the *one-minute city*, where the street outside your door "
         "becomes a meeting place. After pilots in Stockholm, Göteborg and Helsingborg, Street "
         "Moves 2 tried the methods in six municipalities; in Hultsfred, Härnösand and "
         "Södertälje 81 % were positive about the temporary changes.\n\n"
         "**Framtidsgator**, led by Spacescape, built mobility hubs in Stockholm; more than 70 % "
         "of residents were positive. Storgatan in Umeå and Roslagsgatan/Helsingforsgatan in "
         "Stockholm are now being made permanent.\n\n"
         "Sources: [ArkDes, Street Moves](https://streetmoves.arkdes.se/), "
         "[Vinnova, Street Moves 2](https://www.vinnova.se/p/street-moves-2/), "
         "[Vinnova, FRAMTIDSGATAN](https://vinnova.se/en/p/future-street).",
     .deadline = "2030-12-31",
     .start_year = 2020,
     .status = "active",
     .owner = "erik-lindgren",
     .sdg_targets = {"3.6", "3.9", "9.1", "11.2", "11.6", "11.7", "13.2"}},
};

/* ---- goal trees ---- */

static const struct demo_objective objectives[] = {
    {"f-meals", "skolmat", NULL, "Hållbara och goda måltider", "Sustainable and good meals",
     "Måltiderna är goda, näringsriktiga och hållbara hela vägen från inköp till tallrik.",
     "Meals are tasty, nutritious and sustainable all the way from purchase to plate.", 1.0},
    {"f-procure", "skolmat", "f-meals", "Smartare upphandling av hållbara livsmedel",
     "Smarter procurement of sustainable food",
     "Kommunernas inköp för 5–10 miljarder kronor om året styr mot ekologiskt och klimatsmart.",
     "Municipal purchases of SEK 5–10 billion a year are steered towards organic and "
     "climate-smart food.",
     0.6},
    {"f-local", "skolmat", "f-meals", "Lokalt näringsliv och livsmedelsproduktion",
     "Local businesses and food production",
     "Skolmåltiden skapar efterfrågan på hållbart producerad mat från närområdet.",
     "School meals create demand for sustainably produced local food.", 0.4},
    {"f-waste", "skolmat", NULL, "Minskat matsvinn", "Less food waste",
     "Svinnet i skolkök och hushåll halveras i linje med Agenda 2030 mål 12.3.",
     "Waste in school kitchens and households is halved in line with SDG target 12.3.", 1.0},
    {"f-pupils", "skolmat", NULL, "Elevinflytande, måltidsmiljö och lärande",
     "Pupil involvement, meal environment and learning",
     "Eleverna påverkar sin måltid, äter i en god miljö och lär sig om hållbara matvanor.",
     "Pupils shape their meal, eat in a good environment and learn sustainable eating habits.",
     1.0},
    {"f-capability", "skolmat", NULL, "Kompetens och styrning i hela systemet",
     "Skills and governance across the system",
     "Kompetens på alla nivåer, från politiker till lärare och kökspersonal, och styrning som "
     "gör omställningen möjlig.",
     "Skills at every level, from politicians to teachers and kitchen staff, and governance "
     "that enables the shift.",
     0.5},
    {"m-climate", "gator", NULL, "Fossilfria transporter", "Fossil-free transport",
     "Transporterna når klimatlagens etappmål: −70 % utsläpp till 2030 jämfört med 2010.",
     "Transport meets the climate law's milestone: −70 % emissions by 2030 compared with 2010.",
     1.0},
    {"m-active", "gator", "m-climate", "Mer gång, cykel och kollektivtrafik",
     "More walking, cycling and public transport",
     "Fler resor görs till fots, med cykel och med kollektivtrafik.",
     "More trips are made on foot, by bike and by public transport.", 1.0},
    {"m-streets", "gator", NULL, "Levande och hälsosamma gator", "Vibrant and healthy streets",
     "Gatan blir en plats för möten, rörelse och grönska som de boende vill ha.",
     "The street becomes a place for meeting, moving and greenery that residents want.", 1.0},
    {"m-municipal", "gator", NULL, "Kommuner som ställer om sina gator",
     "Municipalities transforming their streets",
     "Allt fler kommuner prövar, planerar och permanentar nya gator.",
     "More and more municipalities test, plan and make permanent new streets.", 0.8},
};

/* ---- indicators ---- */

static const struct demo_indicator indicators[] = {
    /* school meals */
    {.key = "i-school-waste",
     .objective = "f-waste",
     .title_sv = "Matsvinn vid skollunch",
     .title_en = "Food waste at school lunch",
     .description_sv = "Tallrikssvinn och serveringssvinn per elev och lunch, enligt kommunernas "
                       "rapportering till Livsmedelsverket. 2022 rapporterade 184 av 290 kommuner; "
                       "ungefär var sjätte portion slängs, omkring 11 700 ton om året. Målet −50 % "
                       "till 2030 är ett demomål i linje med Agenda 2030 mål 12.3.",
     .description_en = "Plate and serving waste per pupil and lunch, as reported by municipalities "
                       "to the Swedish Food Agency. In 2022, 184 of 290 municipalities reported; "
                       "about one portion in six is thrown away, some 11,700 tonnes a year. The "
                       "−50 % target by 2030 is a demo target in line with SDG target 12.3.",
     .unit_sv = "g per elev och lunch",
     .unit_en = "g per pupil per lunch",
     .direction = "decrease",
     .decimals = 0,
     .base_year = 2022,
     .base_value = 56,
     .target_kind = "relative",
     .target_value = -50,
     .target_year = 2030,
     .source = "Livsmedelsverket, Fakta om matsvinn i offentliga kök",
     .source_url = "https://www.livsmedelsverket.se/matvanor-halsa--miljo/"
                   "maltider-i-vard-skola-och-omsorg/matsvinn-i-storkok/"
                   "fakta-om-matsvinn-i-offentliga-kok",
     .weight = 1.0,
     .dimensions = {"Setting"},
     .sdg_indicators = {"12.3.1"}},
    {.key = "i-household-waste",
     .objective = "f-waste",
     .title_sv = "Matsvinn i hushållen",
     .title_en = "Household food waste",
     .description_sv = "Matavfall från hushållen per person och år; därtill hälls omkring 18 kg "
                       "per person ut i avloppet. Etappmålet är −20 % per person från 2020 till "
                       "2025; demon räknar från 2018, den första verkliga punkten i serien.",
     .description_en = "Household food waste per person and year; a further 18 kg per person is "
                       "poured down the sink. The milestone target is −20 % per person from 2020 "
                       "to 2025; the demo counts from 2018, the first real point of the series.",
     .unit_sv = "kg per person och år",
     .unit_en = "kg per person per year",
     .direction = "decrease",
     .decimals = 0,
     .base_year = 2018,
     .base_value = 19,
     .target_kind = "relative",
     .target_value = -20,
     .target_year = 2025,
     .source = "Sveriges miljömål, etappmålet om minskat matsvinn; Livsmedelsverket",
     .source_url = "https://www.sverigesmiljomal.se/etappmalen/minskat-matsvinn/",
     .weight = 0.5,
     .sdg_indicators = {"12.3.1"}},
    {.key = "i-organic-public",
     .objective = "f-procure",
     .title_sv = "Ekologisk andel av offentliga livsmedelsinköp",
     .title_en = "Organic share of public-sector food purchases",
     .description_sv = "Andel av inköpsvärdet. Regeringens mål enligt livsmedelsstrategin (2017) "
                       "är 60 % till 2030.",
     .description_en = "Share of purchase value. The government's target under the 2017 food "
                       "strategy is 60 % by 2030.",
     .unit_sv = "% av inköpsvärdet",
     .unit_en = "% of purchase value",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2019,
     .base_value = 39,
     .target_kind = "absolute",
     .target_value = 60,
     .target_year = 2030,
     .source = "Ekomatcentrum, Marknadsrapport för offentlig sektor 2023 (via Ekofakta)",
     .source_url = "https://ekofakta.se/nyheter/2023-08-28/marknadsrapport-foer-offentlig-sektor-"
                   "2023",
     .weight = 1.0,
     .sdg_indicators = {"12.7.1"}},
    {.key = "i-climate-meal",
     .objective = "f-procure",
     .title_sv = "Klimatpåverkan per skollunch",
     .title_en = "Climate impact per school lunch",
     .description_sv = "Demoindikator: hela serien är illustrativ och visar hur en kommun kan "
                       "följa klimatpåverkan från sina menyer.",
     .description_en = "Demo indicator: the whole series is illustrative and shows how a "
                       "municipality can follow the climate impact of its menus.",
     .unit_sv = "kg CO₂e per portion",
     .unit_en = "kg CO₂e per portion",
     .direction = "decrease",
     .decimals = 2,
     .base_year = 2019,
     .base_value = 0.80,
     .target_kind = "relative",
     .target_value = -50,
     .target_year = 2030,
     .source = DEMO_SOURCE,
     .source_url = NULL,
     .weight = 0.5},
    {.key = "i-organic-farmland",
     .objective = "f-local",
     .title_sv = "Andel ekologisk jordbruksmark",
     .title_en = "Organic share of farmland",
     .description_sv = "Målet 30 % ekologiskt odlad mark till 2030 är regeringens. Serien i demon "
                       "är illustrativ.",
     .description_en = "The target of 30 % organic farmland by 2030 is the government's. The "
                       "series in the demo is illustrative.",
     .unit_sv = "% av jordbruksmarken",
     .unit_en = "% of agricultural land",
     .direction = "increase",
     .decimals = 0,
     .base_year = 0,
     .target_kind = "absolute",
     .target_value = 30,
     .target_year = 2030,
     .source = "Target: livsmedelsstrategin (2017), via Kalix kommun/Ekomatsligan",
     .source_url = "https://www.kalix.se/Aktuellt/bygga-bo-miljo/kalix---arets-raket-pa-"
                   "ekomatsligan/",
     .weight = 1.0,
     .sdg_indicators = {"2.4.1"}},
    {.key = "i-dev-municipalities",
     .objective = "f-capability",
     .title_sv = "Kommuner som är utvecklingsmiljöer för hållbara skolmåltider",
     .title_en = "Municipalities acting as development environments for sustainable school meals",
     .description_sv = "Hofors, Karlstad, Munkedal och Vallentuna valdes i februari 2021 bland 25 "
                       "sökande. Målet 20 kommuner till 2030 är ett demomål.",
     .description_en = "Hofors, Karlstad, Munkedal and Vallentuna were chosen in February 2021 "
                       "from 25 applicants. The target of 20 municipalities by 2030 is a demo "
                       "target.",
     .unit_sv = "kommuner",
     .unit_en = "municipalities",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2021,
     .base_value = 4,
     .target_kind = "absolute",
     .target_value = 20,
     .target_year = 2030,
     .source = "Vinnova, press release 2021-02",
     .source_url = "https://vinnova.se/en/news/2021/02/four-municipalities-will-be-spearheads-"
                   "for-the-sustainable-school-meals-of-the-future",
     .weight = 1.0},
    {.key = "i-pupil-councils",
     .objective = "f-pupils",
     .title_sv = "Skolor med matråd där eleverna har inflytande",
     .title_en = "Schools with a food council where pupils have a say",
     .description_sv = "Demoindikator för elevinflytande; serien och målet 90 % är illustrativa.",
     .description_en = "Demo indicator for pupil influence; the series and the 90 % target are "
                       "illustrative.",
     .unit_sv = "% av grundskolorna",
     .unit_en = "% of compulsory schools",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2019,
     .base_value = 45,
     .target_kind = "absolute",
     .target_value = 90,
     .target_year = 2030,
     .source = DEMO_SOURCE,
     .source_url = NULL,
     .weight = 1.0},
    {.key = "i-lunch-daily",
     .objective = "f-pupils",
     .title_sv = "Elever som äter skollunch varje dag",
     .title_en = "Pupils who eat school lunch every day",
     .description_sv = "Demoindikator med läsårsperioder, efter mönster från enkäter om "
                       "skolbarns hälsovanor; serien och målet 80 % är illustrativa.",
     .description_en = "Demo indicator with school-year periods, modelled on surveys of "
                       "schoolchildren's health habits; the series and the 80 % target are "
                       "illustrative.",
     .unit_sv = "% av eleverna, 11–15 år",
     .unit_en = "% of pupils aged 11–15",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2009,
     .base_value = 68,
     .target_kind = "absolute",
     .target_value = 80,
     .target_year = 2030,
     .source = DEMO_SOURCE,
     .source_url = NULL,
     .weight = 0.5},
    /* streets */
    {.key = "i-transport-ghg",
     .objective = "m-climate",
     .title_sv = "Utsläpp av växthusgaser från inrikes transporter",
     .title_en = "Greenhouse-gas emissions from domestic transport",
     .description_sv = "Inrikes transporter utom inrikes flyg, som index där 2010 = 100 (så att "
                       "en minskning med 34 % blir 66). 2018 var utsläppen omkring 16 miljoner "
                       "ton koldioxidekvivalenter. Etappmålet i klimatlagen är −70 % till 2030 "
                       "jämfört med 2010, alltså index 30.",
     .description_en = "Domestic transport excluding domestic aviation, as an index with 2010 = "
                       "100 (a fall of 34 % reads 66). In 2018 emissions were about 16 Mt CO₂e. "
                       "The climate law's milestone target is −70 % by 2030 compared with 2010, "
                       "that is index 30.",
     .unit_sv = "index (2010 = 100)",
     .unit_en = "index (2010 = 100)",
     .direction = "decrease",
     .decimals = 0,
     .base_year = 2010,
     .base_value = 100,
     .target_kind = "absolute",
     .target_value = 30,
     .target_year = 2030,
     .source = "Naturvårdsverket, Växthusgaser: utsläpp från inrikes transporter",
     .source_url = "https://www.naturvardsverket.se/data-och-statistik/klimat/"
                   "vaxthusgaser-utslapp-fran-inrikes-transporter",
     .weight = 1.0,
     .sdg_indicators = {"13.2.2"}},
    {.key = "i-transport-progress",
     .objective = "m-climate",
     .title_sv = "Måluppfyllelse för transportsektorns klimatmål",
     .title_en = "Progress towards the transport climate target",
     .description_sv = "Hur stor del av vägen till −70 % som Sverige har gått. Kommunerna "
                       "skiljer sig mycket åt.",
     .description_en = "How much of the way to −70 % Sweden has come. Municipalities differ "
                       "widely.",
     .unit_sv = "% av vägen till målet",
     .unit_en = "% of the way to the target",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2010,
     .base_value = 0,
     .target_kind = "absolute",
     .target_value = 100,
     .target_year = 2030,
     .source = "2030-sekretariatet, Miljöbarometern",
     .source_url = "https://2030.miljobarometern.se/nationella-indikatorer/index/"
                   "klimatpaverkan-fran-inrikes-transporter-h0/"
                   "maluppfyllelse-for-transportsektorns-klimatpaverkan/compare/",
     .weight = 0.5},
    {.key = "i-ev-share",
     .objective = "m-climate",
     .title_sv = "Eldriven andel av vägtrafikens trafikarbete",
     .title_en = "Electric share of road traffic",
     .description_sv = "Målet 35 % till 2030 är ett demomål.",
     .description_en = "The target of 35 % by 2030 is a demo target.",
     .unit_sv = "% av trafikarbetet",
     .unit_en = "% of vehicle-km",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2023,
     .base_value = 8,
     .target_kind = "absolute",
     .target_value = 35,
     .target_year = 2030,
     .source = "Naturvårdsverket, Växthusgaser: utsläpp från inrikes transporter",
     .source_url = "https://www.naturvardsverket.se/data-och-statistik/klimat/"
                   "vaxthusgaser-utslapp-fran-inrikes-transporter",
     .weight = 0.5},
    {.key = "i-active-share",
     .objective = "m-active",
     .title_sv = "Andel personkilometer till fots, med cykel och kollektivtrafik",
     .title_en = "Share of passenger-km by walking, cycling and public transport",
     .description_sv = "Målet är minst 25 % till 2025, på väg mot en fördubbling. Trafikanalys "
                       "föreslår indikativa mål per kommungrupp, omkring +21 % nationellt.",
     .description_en = "The target is at least 25 % by 2025, moving towards a doubling. "
                       "Trafikanalys proposes indicative targets per municipal group, about "
                       "+21 % nationally.",
     .unit_sv = "% av personkilometer",
     .unit_en = "% of passenger-km",
     .direction = "increase",
     .decimals = 1,
     .base_year = 2010,
     .base_value = 20.0,
     .target_kind = "absolute",
     .target_value = 25,
     .target_year = 2025,
     .source = "Miljömålsportalen, indikatorn gång, cykel och kollektivtrafik",
     .source_url = "https://www.miljomal.se/Miljomalen/Alla-indikatorer/Indikatorsida/"
                   "?iid=385&pl=1",
     .weight = 1.0,
     .sdg_indicators = {"11.2.1", "9.1.2"}},
    {.key = "i-residents-positive",
     .objective = "m-streets",
     .title_sv = "Boende som är positiva till gatuomvandlingen",
     .title_en = "Residents positive about the street transformation",
     .description_sv = "Enkäter i pilotprojekten. Målet, minst 75 % i varje pilot, är ett "
                       "demomål.",
     .description_en = "Surveys in the pilot projects. The target, at least 75 % in every "
                       "pilot, is a demo target.",
     .unit_sv = "% av de svarande",
     .unit_en = "% of respondents",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2020,
     .base_value = 70,
     .target_kind = "absolute",
     .target_value = 75,
     .target_year = 2030,
     .source = "Novus för Framtidsgator; Vinnova, Street Moves 2",
     .source_url = "https://www.vinnova.se/p/street-moves-2/",
     .weight = 1.0,
     .dimensions = {"Project"},
     .sdg_indicators = {"11.7.1"}},
    {.key = "i-street-moves-municipalities",
     .objective = "m-municipal",
     .title_sv = "Kommuner som prövat tillfälliga gatuförändringar i Street Moves",
     .title_en = "Municipalities that have tried temporary street changes in Street Moves",
     .description_sv = "Sammanlagt har sju kommuner deltagit. Målet, alla 290 kommuner till "
                       "2030, är ett demomål.",
     .description_en = "Seven municipalities have taken part in total. The target, all 290 "
                       "municipalities by 2030, is a demo target.",
     .unit_sv = "kommuner",
     .unit_en = "municipalities",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2020,
     .base_value = 3,
     .target_kind = "absolute",
     .target_value = 290,
     .target_year = 2030,
     .source = "ArkDes, Street Moves; Vinnova, Street Moves 2",
     .source_url = "https://streetmoves.arkdes.se/",
     .weight = 1.0},
    {.key = "i-climate-contracts",
     .objective = "m-municipal",
     .title_sv = "Kommuner med Klimatkontrakt 2030",
     .title_en = "Municipalities with a Climate City Contract 2030",
     .description_sv = "Klimatkontraktet skrevs under första gången den 11 december 2020 av nio "
                       "städer och revideras varje december. Målet 50 kommuner är ett demomål.",
     .description_en = "The contract was first signed on 11 December 2020 by nine cities and is "
                       "revised every December. The target of 50 municipalities is a demo target.",
     .unit_sv = "kommuner",
     .unit_en = "municipalities",
     .direction = "increase",
     .decimals = 0,
     .base_year = 2020,
     .base_value = 9,
     .target_kind = "absolute",
     .target_value = 50,
     .target_year = 2030,
     .source = "Viable Cities, Klimatkontrakt 2030",
     .source_url = "https://viablecities.se/en/klimatneutrala-stader-2030/klimatkontrakt/",
     .weight = 0.5},
};

/* ---- observations ---- */

static const struct demo_observation observations[] = {
    {"i-school-waste", "2019", 61, "", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2020", 60, "", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2021", 58, "", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2022", 56, "", REAL, NULL,
     "184 of 290 municipalities reported; about one portion in six is wasted"},
    {"i-school-waste", "2023", 55, "", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2024", 53, "", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2020", 75, "Setting=Preschool", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2020", 60, "Setting=School", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2020", 112, "Setting=Elderly care", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2022", 71, "Setting=Preschool", REAL, NULL, NULL},
    {"i-school-waste", "2022", 56, "Setting=School", REAL, NULL, NULL},
    {"i-school-waste", "2022", 108, "Setting=Elderly care", REAL, NULL, NULL},
    {"i-school-waste", "2024", 68, "Setting=Preschool", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2024", 53, "Setting=School", ILLUSTRATIVE, NULL, NULL},
    {"i-school-waste", "2024", 104, "Setting=Elderly care", ILLUSTRATIVE, NULL, NULL},

    {"i-household-waste", "2018", 19, "", REAL, NULL, NULL},
    {"i-household-waste", "2021", 15, "", REAL, NULL, NULL},
    {"i-household-waste", "2022", 15, "", REAL, NULL, NULL},
    {"i-household-waste", "2024", 16, "", REAL, NULL,
     "Livsmedelsverket warned in March 2024 that Sweden is on course to miss the target"},

    {"i-organic-public", "2019", 39, "", REAL, NULL, NULL},
    {"i-organic-public", "2020", 38, "", REAL, NULL, NULL},
    {"i-organic-public", "2021", 38, "", REAL, NULL, NULL},
    {"i-organic-public", "2022", 37, "", REAL, NULL, NULL},

    {"i-climate-meal", "2019", 0.80, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-meal", "2020", 0.78, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-meal", "2021", 0.74, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-meal", "2022", 0.71, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-meal", "2023", 0.69, "", ILLUSTRATIVE, NULL, NULL},

    {"i-organic-farmland", "2019", 20, "", ILLUSTRATIVE, NULL, NULL},
    {"i-organic-farmland", "2020", 20, "", ILLUSTRATIVE, NULL, NULL},
    {"i-organic-farmland", "2021", 20, "", ILLUSTRATIVE, NULL, NULL},
    {"i-organic-farmland", "2022", 19, "", ILLUSTRATIVE, NULL, NULL},
    {"i-organic-farmland", "2023", 19, "", ILLUSTRATIVE, NULL, NULL},

    {"i-dev-municipalities", "2021", 4, "", REAL, NULL,
     "Hofors, Karlstad, Munkedal and Vallentuna, chosen from 25 applicants"},
    {"i-dev-municipalities", "2022", 4, "", ILLUSTRATIVE, NULL, NULL},
    {"i-dev-municipalities", "2023", 8, "", ILLUSTRATIVE, NULL, NULL},
    {"i-dev-municipalities", "2024", 12, "", ILLUSTRATIVE, NULL, NULL},

    {"i-pupil-councils", "2019", 45, "", ILLUSTRATIVE, NULL, NULL},
    {"i-pupil-councils", "2021", 48, "", ILLUSTRATIVE, NULL, NULL},
    {"i-pupil-councils", "2022", 52, "", ILLUSTRATIVE, NULL, NULL},
    {"i-pupil-councils", "2024", 58, "", ILLUSTRATIVE, NULL, NULL},

    {"i-lunch-daily", "2009-10", 68, "", ILLUSTRATIVE, NULL, NULL},
    {"i-lunch-daily", "2013-14", 66, "", ILLUSTRATIVE, NULL, NULL},
    {"i-lunch-daily", "2017-18", 65, "", ILLUSTRATIVE, NULL, NULL},
    {"i-lunch-daily", "2021-22", 63, "", ILLUSTRATIVE, NULL, NULL},

    {"i-transport-ghg", "2010", 100, "", REAL, NULL, "Base year of the climate-law milestone"},
    {"i-transport-ghg", "2015", 90, "", ILLUSTRATIVE, NULL, NULL},
    {"i-transport-ghg", "2018", 81, "", REAL, NULL, "−19 % from 2010; about 16 Mt CO2e"},
    {"i-transport-ghg", "2020", 73, "", ILLUSTRATIVE, NULL, NULL},
    {"i-transport-ghg", "2021", 74, "", ILLUSTRATIVE, NULL, NULL},
    {"i-transport-ghg", "2022", 67, "", ILLUSTRATIVE, NULL, NULL},
    {"i-transport-ghg", "2023", 66, "", REAL, NULL, "−34 % from 2010"},

    {"i-transport-progress", "2010", 0, "", REAL, NULL, "Base year: no progress by definition"},
    {"i-transport-progress", "2018", 27, "", REAL,
     "Naturvårdsverket, Växthusgaser: utsläpp från inrikes transporter",
     "Derived: −19 % of the −70 % target"},
    {"i-transport-progress", "2020", 39, "", ILLUSTRATIVE, NULL, NULL},
    {"i-transport-progress", "2022", 49, "", REAL, NULL, NULL},
    {"i-transport-progress", "2023", 49, "", REAL,
     "Naturvårdsverket, Växthusgaser: utsläpp från inrikes transporter",
     "Derived: −34 % of the −70 % target"},

    {"i-ev-share", "2020", 3, "", ILLUSTRATIVE, NULL, NULL},
    {"i-ev-share", "2021", 4, "", ILLUSTRATIVE, NULL, NULL},
    {"i-ev-share", "2022", 6, "", ILLUSTRATIVE, NULL, NULL},
    {"i-ev-share", "2023", 8, "", REAL, NULL, "About 8 %"},

    {"i-active-share", "2010", 20.0, "", REAL, NULL, "About 20 %"},
    {"i-active-share", "2011-16", 20.2, "", REAL, NULL, "Average for 2011–2016"},
    {"i-active-share", "2016", 21.9, "", REAL, NULL, NULL},
    {"i-active-share", "2019", 22.4, "", ILLUSTRATIVE, NULL, NULL},
    {"i-active-share", "2021", 20.8, "", ILLUSTRATIVE, NULL, NULL},
    {"i-active-share", "2022", 21.6, "", ILLUSTRATIVE, NULL, NULL},

    {"i-residents-positive", "2020", 70, "", REAL, "Novus, for Framtidsgator (Spacescape)",
     "More than 70 % positive and 10 % negative about the Stockholm mobility hubs"},
    {"i-residents-positive", "2021", 72, "", ILLUSTRATIVE, NULL, NULL},
    {"i-residents-positive", "2022", 76, "", ILLUSTRATIVE, NULL, NULL},
    {"i-residents-positive", "2023", 81, "", REAL, "Vinnova, Street Moves 2",
     "Surveys in Hultsfred, Härnösand and Södertälje"},
    {"i-residents-positive", "2020", 70, "Project=Framtidsgator", REAL,
     "Novus, for Framtidsgator (Spacescape)", "More than 70 % positive"},
    {"i-residents-positive", "2022", 74, "Project=Framtidsgator", ILLUSTRATIVE, NULL, NULL},
    {"i-residents-positive", "2023", 81, "Project=Street Moves 2", REAL, "Vinnova, Street Moves 2",
     NULL},

    {"i-street-moves-municipalities", "2020", 3, "", REAL, NULL,
     "Pilots in Stockholm, Göteborg and Helsingborg"},
    {"i-street-moves-municipalities", "2021", 5, "", ILLUSTRATIVE, NULL, NULL},
    {"i-street-moves-municipalities", "2022", 6, "", ILLUSTRATIVE, NULL, NULL},
    {"i-street-moves-municipalities", "2023", 7, "", REAL, NULL, "Seven municipalities in total"},

    {"i-climate-contracts", "2020", 9, "", REAL, NULL, "First signed on 11 December 2020"},
    {"i-climate-contracts", "2021", 17, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-contracts", "2022", 23, "", ILLUSTRATIVE, NULL, NULL},
    {"i-climate-contracts", "2024", 23, "", REAL, NULL,
     "23 municipalities take part now (year of reading approximate)"},
};

/* ---- initiatives ---- */

static const struct demo_initiative initiatives[] = {
    /* school meals: top-down */
    {.slug = "ett-nytt-recept",
     .mission = "skolmat",
     .title_sv = "Ett nytt recept för skolmåltider",
     .title_en = "A new recipe for school meals",
     .summary_sv = "Livsmedelsverket samordnar arbetet med att göra skolmåltiden till en hävstång "
                   "för ett hållbart livsmedelssystem. Metoder:\n\n"
                   "- policylabb\n- prototypskolor\n- en öppen designprocess\n"
                   "- uppmärksamhet på de osynliga lagren: styrning, lagar, policy och förmåga",
     .summary_en = "The Swedish Food Agency coordinates the work of making the school meal a "
                   "lever for a sustainable food system. Methods:\n\n"
                   "- policy labs\n- prototype schools\n- an open design process\n"
                   "- attention to the invisible layers: governance, law, policy and capability",
     .origin = "top_down",
     .status = "completed",
     .lead = "livsmedelsverket",
     .start_date = "2019-12-01",
     .end_date = "2025-05-31",
     .budget_sek = 21796417,
     .funding = "Vinnova, SEK 21,796,417",
     .hypotheses_sv = "- Skolmåltiden är ett system i systemet: ändras den, ändras efterfrågan i "
                      "hela kedjan.\n- Hinder finns ofta i styrning och regler, inte i köket.",
     .hypotheses_en = "- The school meal is a system within the system: change it and demand "
                      "changes along the whole chain.\n- Barriers often sit in governance and "
                      "rules, not in the kitchen.",
     .learnings_sv = "- Policylabb och prototypskolor gjorde de osynliga lagren synliga.\n"
                     "- Vinnovas granskare efterfrågade en tydligare plan för "
                     "systemdemonstration och styrning inför nästa steg.",
     .learnings_en = "- Policy labs and prototype schools made the invisible layers visible.\n"
                     "- Vinnova's reviewers asked for a clearer plan for system demonstration "
                     "and governance for the next step.",
     .parts = {{"vinnova", "funder"},
               {"naturvardsverket", "partner"},
               {"mucf", "partner"},
               {"jordbruksverket", "partner"},
               {"skr", "partner"}},
     .objectives = {"f-meals", "f-pupils", "f-capability"},
     .sdg_targets = {"2.1", "2.2", "4.7", "12.7"}},
    {.slug = "utvecklingsmiljo-hofors",
     .mission = "skolmat",
     .title_sv = "Utvecklingsmiljö Hofors",
     .title_en = "Development environment Hofors",
     .summary_sv = "Hofors är en av fyra kommuner som valdes 2021 bland 25 sökande. *Demo: "
                   "fokus på lokal livsmedelsproduktion är ett exempel.*",
     .summary_en = "Hofors is one of four municipalities chosen in 2021 from 25 applicants. "
                   "*Demo: the focus on local food production is an example.*",
     .origin = "top_down",
     .status = "completed",
     .lead = "hofors-kommun",
     .start_date = "2021-03-01",
     .end_date = "2025-05-31",
     .funding = "Part of A new recipe for school meals (Vinnova)",
     .hypotheses_sv = "- Lokala odlare kan leverera till skolköket om upphandlingen delas upp.",
     .hypotheses_en = "- Local growers can supply the school kitchen if procurement is split "
                      "into smaller lots.",
     .learnings_sv = "- Demo: mindre anbudsområden gav fler lokala anbud.",
     .learnings_en = "- Demo: smaller lots brought more local bids.",
     .parts = {{"vinnova", "funder"}, {"livsmedelsverket", "partner"}},
     .objectives = {"f-local"},
     .sdg_targets = {"2.4", "12.7"}},
    {.slug = "utvecklingsmiljo-karlstad",
     .mission = "skolmat",
     .title_sv = "Utvecklingsmiljö Karlstad",
     .title_en = "Development environment Karlstad",
     .summary_sv = "Karlstad är en av fyra kommuner som valdes 2021 bland 25 sökande. *Demo: "
                   "fokus på smartare upphandling är ett exempel.*",
     .summary_en = "Karlstad is one of four municipalities chosen in 2021 from 25 applicants. "
                   "*Demo: the focus on smarter procurement is an example.*",
     .origin = "top_down",
     .status = "completed",
     .lead = "karlstads-kommun",
     .start_date = "2021-03-01",
     .end_date = "2025-05-31",
     .funding = "Part of A new recipe for school meals (Vinnova)",
     .hypotheses_sv = "- Hållbarhetskrav som följs upp ger mer effekt än fler krav.",
     .hypotheses_en = "- Sustainability criteria that are followed up do more than more "
                      "criteria.",
     .learnings_sv = "- Demo: uppföljning kräver tid hos både beställare och kök.",
     .learnings_en = "- Demo: follow-up takes time from both buyers and kitchens.",
     .parts = {{"vinnova", "funder"}, {"upphandlingsmyndigheten", "partner"}},
     .objectives = {"f-procure"},
     .sdg_targets = {"12.7"}},
    {.slug = "utvecklingsmiljo-munkedal",
     .mission = "skolmat",
     .title_sv = "Utvecklingsmiljö Munkedal",
     .title_en = "Development environment Munkedal",
     .summary_sv = "Munkedal är en av fyra kommuner som valdes 2021 bland 25 sökande. *Demo: "
                   "fokus på matsvinn är ett exempel.*",
     .summary_en = "Munkedal is one of four municipalities chosen in 2021 from 25 applicants. "
                   "*Demo: the focus on food waste is an example.*",
     .origin = "top_down",
     .status = "completed",
     .lead = "munkedals-kommun",
     .start_date = "2021-03-01",
     .end_date = "2025-05-31",
     .funding = "Part of A new recipe for school meals (Vinnova)",
     .hypotheses_sv = "- Elever som själva mäter svinnet slänger mindre.",
     .hypotheses_en = "- Pupils who measure the waste themselves throw away less.",
     .learnings_sv = "- Demo: synlig mätning i matsalen gav snabb effekt som avtog efter några "
                     "månader.",
     .learnings_en = "- Demo: visible measuring in the dining hall had a quick effect that faded "
                     "after a few months.",
     .parts = {{"vinnova", "funder"}, {"folkhalsomyndigheten", "participant"}},
     .objectives = {"f-waste"},
     .sdg_targets = {"12.3"}},
    {.slug = "utvecklingsmiljo-vallentuna",
     .mission = "skolmat",
     .title_sv = "Utvecklingsmiljö Vallentuna",
     .title_en = "Development environment Vallentuna",
     .summary_sv = "Vallentuna är en av fyra kommuner som valdes 2021 bland 25 sökande. *Demo: "
                   "fokus på elevinflytande och måltidsmiljö är ett exempel.*",
     .summary_en = "Vallentuna is one of four municipalities chosen in 2021 from 25 applicants. "
                   "*Demo: the focus on pupil involvement and the meal environment is an "
                   "example.*",
     .origin = "top_down",
     .status = "completed",
     .lead = "vallentuna-kommun",
     .start_date = "2021-03-01",
     .end_date = "2025-05-31",
     .funding = "Part of A new recipe for school meals (Vinnova)",
     .hypotheses_sv = "- Elevinflytande över matsalen ökar både ätandet och trivseln.",
     .hypotheses_en = "- Pupil influence over the dining hall increases both eating and "
                      "well-being.",
     .learnings_sv = "- Demo: eleverna prioriterade ljudnivå och tid att äta före menyn.",
     .learnings_en = "- Demo: pupils put noise levels and time to eat before the menu.",
     .parts = {{"vinnova", "funder"}, {"mucf", "partner"}},
     .objectives = {"f-pupils"},
     .sdg_targets = {"4.7", "3.4"}},
    {.slug = "nationell-demonstrator",
     .mission = "skolmat",
     .title_sv = "Nationell demonstrator för hållbara skolmåltider",
     .title_en = "National demonstrator for sustainable school meals",
     .summary_sv = "Vinnovas beslut om fortsatt investering behandlade arbetet som en nationell "
                   "demonstrator för hållbara skolmåltider, där prototyperna skalas till fler "
                   "platser.",
     .summary_en = "Vinnova's follow-on investment decision treated the work as a national "
                   "demonstrator for sustainable school meals, scaling the prototypes to more "
                   "places.",
     .origin = "top_down",
     .status = "running",
     .lead = "livsmedelsverket",
     .start_date = NULL,
     .end_date = NULL,
     .funding = "Vinnova (follow-on investment)",
     .hypotheses_sv = "- Det som fungerar i fyra kommuner kan spridas om styrningen är tydlig.",
     .hypotheses_en = "- What works in four municipalities can spread if governance is clear.",
     .learnings_sv = "- Granskarna bad om en tydligare plan för systemdemonstration och "
                     "styrning.",
     .learnings_en = "- Reviewers asked for a clearer plan for system demonstration and "
                     "governance.",
     .parts = {{"vinnova", "funder"},
               {"hofors-kommun", "participant"},
               {"karlstads-kommun", "participant"},
               {"munkedals-kommun", "participant"},
               {"vallentuna-kommun", "participant"}},
     .objectives = {"f-capability", "f-meals"},
     .sdg_targets = {"12.7", "12.8"}},
    {.slug = "nytt-recept-matsystemet",
     .mission = "skolmat",
     .title_sv = "Ett nytt recept för matsystemet",
     .title_en = "A new recipe for the food system",
     .summary_sv = "Avknoppning med fem teman:\n\n"
                   "1. förebyggande hälsa genom mat\n"
                   "2. regenerativt, motståndskraftigt och naturpositivt jordbruk\n"
                   "3. hållbara matvanor bland unga\n4. proteinskiftet\n5. foodtech\n\n"
                   "Mobiliseringsutlysningen 2022 var öppen för små och stora företag, "
                   "civilsamhället, kommuner, regioner, myndigheter, branschorganisationer, "
                   "universitet och institut.",
     .summary_en = "Spin-off with five themes:\n\n"
                   "1. preventive health through food\n"
                   "2. regenerative, resilient and nature-positive agriculture\n"
                   "3. sustainable eating habits among young people\n4. the protein shift\n"
                   "5. foodtech\n\n"
                   "The 2022 mobilisation call was open to SMEs, large companies, civil-society "
                   "organisations, municipalities, regions, agencies, industry associations, "
                   "universities and institutes.",
     .origin = "top_down",
     .status = "running",
     .lead = "vinnova",
     .start_date = "2022-01-01",
     .end_date = NULL,
     .funding = "Vinnova, mobilisation and learning call 2022",
     .hypotheses_sv = "- Skolmåltidens arbetssätt kan bära hela matsystemets omställning.",
     .hypotheses_en = "- The school-meal way of working can carry the shift of the whole food "
                      "system.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"livsmedelsverket", "partner"},
               {"jordbruksverket", "partner"},
               {"slu", "participant"}},
     .objectives = {"f-local", "f-meals"},
     .sdg_targets = {"2.4", "3.4", "12.8"}},
    {.slug = "mattanken-fas-3",
     .mission = "skolmat",
     .title_sv = "Erfarenhetsutbyte och nätverk i fas 3",
     .title_en = "Experience exchange and networking in phase 3",
     .summary_sv = "I fas 3 skalades prototyperna till fler platser. MATtanken drev "
                   "erfarenhetsutbyte och nätverk mellan kommunerna.",
     .summary_en = "Phase 3 scaled the prototypes to more places. MATtanken ran experience "
                   "exchange and networking between the municipalities.",
     .origin = "top_down",
     .status = "completed",
     .lead = "mattanken",
     .start_date = NULL,
     .end_date = NULL,
     .funding = "Part of A new recipe for school meals (Vinnova)",
     .hypotheses_sv = "- Kommuner lär mest av andra kommuner.",
     .hypotheses_en = "- Municipalities learn most from other municipalities.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"livsmedelsverket", "partner"}, {"vinnova", "funder"}},
     .objectives = {"f-capability"},
     .sdg_targets = {"12.8"}},
    /* school meals: bottom-up */
    {.slug = "digitalisering",
     .mission = "skolmat",
     .title_sv = "Hållbara skolmåltider genom digitalisering",
     .title_en = "Sustainable school meals thru digitalization",
     .summary_sv = "RISE undersökte hur data kan stödja hållbara skolmåltider.",
     .summary_en = "RISE explored how data can support sustainable school meals.",
     .origin = "bottom_up",
     .status = "completed",
     .lead = "rise",
     .start_date = "2020-01-01",
     .end_date = "2022-12-31",
     .budget_sek = 4200000,
     .funding = "Vinnova, SEK 4.2 million",
     .hypotheses_sv = "- Delad data om menyer, inköp och svinn gör det lättare att styra mot "
                      "hållbarhet.",
     .hypotheses_en = "- Shared data on menus, purchases and waste make it easier to steer "
                      "towards sustainability.",
     .learnings_sv = "- Verkliga data var inlåsta i system och avtal, så projektet byggde den "
                     "fiktiva kommunen **Matköping** för att kunna pröva idéerna.",
     .learnings_en = "- Real data were locked away in systems and contracts, so the project "
                     "built the fictitious municipality **Matköping** to test its ideas.",
     .parts = {{"vinnova", "funder"}},
     .objectives = {"f-capability", "f-procure"},
     .sdg_targets = {"12.7", "12.8"}},
    {.slug = "policylabb-offentliga-maltider",
     .mission = "skolmat",
     .title_sv = "Policylabb för offentliga måltider",
     .title_en = "Policy lab for public meals",
     .summary_sv = "Förstudie av tre policyprototyper för hur skolmåltiden kan främja livslångt "
                   "lärande om hållbar mat och hälsa.",
     .summary_en = "Feasibility study of three policy prototypes on how school meals can foster "
                   "lifelong learning on sustainable food and health.",
     .origin = "bottom_up",
     .status = "running",
     .lead = "frisk-mat",
     .start_date = "2025-01-01",
     .end_date = "2025-12-31",
     .budget_sek = 870000,
     .funding = "Vinnova, SEK 870,000",
     .hypotheses_sv = "- Skolmåltiden kan vara en del av undervisningen, inte en paus från den.",
     .hypotheses_en = "- The school meal can be part of teaching, not a break from it.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"vinnova", "funder"}},
     .objectives = {"f-pupils", "f-capability"},
     .sdg_targets = {"4.7", "12.8"}},
    {.slug = "svinnjakten",
     .mission = "skolmat",
     .title_sv = "Svinnjakten – elever mäter tallrikssvinnet",
     .title_en = "Waste hunt – pupils measure plate waste",
     .summary_sv = "*Demoexempel.* Elevråd i flera skolor väger tallrikssvinnet varje vecka och "
                   "föreslår ändringar i menyn.",
     .summary_en = "*Demo example.* Pupils' councils in several schools weigh plate waste every "
                   "week and propose menu changes.",
     .origin = "bottom_up",
     .status = "running",
     .lead = "elevradsnatverket",
     .start_date = "2023-08-15",
     .end_date = "2025-06-15",
     .funding = "Demo: municipal school budgets",
     .hypotheses_sv = "- Svinnet minskar när eleverna äger mätningen.",
     .hypotheses_en = "- Waste falls when pupils own the measuring.",
     .learnings_sv = "- Demo: veckovisa resultat på skärm i matsalen höll intresset uppe.",
     .learnings_en = "- Demo: weekly results on a screen in the dining hall kept interest up.",
     .parts = {{"munkedals-kommun", "participant"}, {"foraldraforeningen-matglad", "partner"}},
     .objectives = {"f-waste", "f-pupils"},
     .sdg_targets = {"12.3", "4.7"}},
    {.slug = "smartare-upphandling",
     .mission = "skolmat",
     .title_sv = "Smartare upphandling av hållbara livsmedel",
     .title_en = "Smarter procurement of sustainable food",
     .summary_sv = "*Demoexempel.* Kommunen delar upp livsmedelsupphandlingen och följer upp "
                   "ekologisk andel och klimatpåverkan per leverantör.",
     .summary_en = "*Demo example.* The municipality splits its food procurement and follows up "
                   "the organic share and climate impact per supplier.",
     .origin = "bottom_up",
     .status = "accepted",
     .lead = "karlstads-kommun",
     .start_date = "2025-09-01",
     .end_date = "2027-06-30",
     .funding = "Demo: municipal funds",
     .hypotheses_sv = "- Uppföljning per leverantör höjer den ekologiska andelen mot 60 %.",
     .hypotheses_en = "- Follow-up per supplier raises the organic share towards 60 %.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"ekomatcentrum", "partner"}, {"exempelgarden", "participant"}},
     .objectives = {"f-procure"},
     .sdg_targets = {"12.7"}},
    {.slug = "lokala-gronsaker",
     .mission = "skolmat",
     .title_sv = "Lokala grönsaker till skolköken",
     .title_en = "Local vegetables for school kitchens",
     .summary_sv = "*Demoexempel.* En odlare och kommunens kök planerar odlingen efter menyn.",
     .summary_en = "*Demo example.* A grower and the municipal kitchens plan the crops around "
                   "the menu.",
     .origin = "bottom_up",
     .status = "running",
     .lead = "exempelgarden",
     .start_date = "2024-03-01",
     .end_date = "2026-10-31",
     .funding = "Demo: own funds and a regional grant",
     .hypotheses_sv = "- Planering efter menyn ger jämnare efterfrågan och mindre svinn på "
                      "gården.",
     .hypotheses_en = "- Planning around the menu gives steadier demand and less waste on the "
                      "farm.",
     .learnings_sv = "- Demo: rotfrukter passade bäst; bladgrönt krävde kortare ledtider än "
                     "köket hade.",
     .learnings_en = "- Demo: root vegetables fitted best; leafy greens needed shorter lead "
                     "times than the kitchen had.",
     .parts = {{"hofors-kommun", "participant"}, {"slu", "partner"}},
     .objectives = {"f-local"},
     .sdg_targets = {"2.4", "12.7"}},
    {.slug = "maltidsmiljo-som-larmiljo",
     .mission = "skolmat",
     .title_sv = "Måltidsmiljön som lärmiljö",
     .title_en = "The meal environment as a learning environment",
     .summary_sv = "*Demoexempel.* Förslag att bygga om två matsalar tillsammans med elever och "
                   "pröva pedagogiska luncher.",
     .summary_en = "*Demo example.* Proposal to redesign two dining halls with pupils and try "
                   "teaching lunches.",
     .origin = "bottom_up",
     .status = "proposed",
     .lead = "vallentuna-kommun",
     .start_date = "2026-01-01",
     .end_date = "2027-12-31",
     .funding = "Demo: applied for",
     .hypotheses_sv = "- En lugn och inbjudande matsal ökar andelen elever som äter lunch.",
     .hypotheses_en = "- A calm and inviting dining hall raises the share of pupils who eat "
                      "lunch.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"orebro-universitet", "partner"}},
     .objectives = {"f-pupils"},
     .sdg_targets = {"4.7", "3.4"}},
    {.slug = "foraldrapanel",
     .mission = "skolmat",
     .title_sv = "Föräldrapanel för skolmaten",
     .title_en = "Parents' panel for school food",
     .summary_sv = "*Demoexempel.* Förslag om en nationell panel där föräldrar betygsätter "
                   "skolmaten.",
     .summary_en = "*Demo example.* Proposal for a national panel where parents rate school "
                   "food.",
     .origin = "bottom_up",
     .status = "declined",
     .lead = "foraldraforeningen-matglad",
     .start_date = "2024-09-01",
     .end_date = "2025-06-30",
     .funding = "Demo: applied for",
     .hypotheses_sv = "- Föräldrars synpunkter höjer kvaliteten.",
     .hypotheses_en = "- Parents' views raise quality.",
     .learnings_sv = "- Demo: avböjt eftersom elevernas egen röst prioriteras; föreningen "
                     "bjöds in till Svinnjakten.",
     .learnings_en = "- Demo: declined because pupils' own voice comes first; the association "
                     "was invited to join the Waste hunt.",
     .parts = {{"elevradsnatverket", "participant"}},
     .objectives = {"f-pupils"},
     .sdg_targets = {"4.7"}},
    /* streets: top-down */
    {.slug = "street-moves",
     .mission = "gator",
     .title_sv = "Street Moves",
     .title_en = "Street Moves",
     .summary_sv = "Startade våren 2020 med modulära gatumoduler i trä, formgivna med "
                   "LundbergDesign: parkering för elsparkcyklar, utegym, sittplatser, växter och "
                   "laddning för delade bilar. Piloter i Stockholm, Göteborg och Helsingborg, "
                   "under namnet *enminutersstaden*.",
     .summary_en = "Began in spring 2020 with modular wooden street kits designed with "
                   "LundbergDesign: e-scooter parking, an outdoor gym, seating, planting and "
                   "charging for shared cars. Pilots in Stockholm, Göteborg and Helsingborg, under "
                   "the name *one-minute city*.",
     .origin = "top_down",
     .status = "completed",
     .lead = "arkdes",
     .start_date = "2020-04-01",
     .end_date = "2021-05-31",
     .funding = "Vinnova",
     .hypotheses_sv = "- Gatan närmast hemmet kan bli en mötesplats om de boende får forma "
                      "den.",
     .hypotheses_en = "- The street closest to home can become a meeting place if residents "
                      "get to shape it.",
     .learnings_sv = "- Tillfälliga moduler gjorde det lätt att pröva och ändra.",
     .learnings_en = "- Temporary kits made it easy to try and adjust.",
     .parts = {{"vinnova", "funder"},
               {"lundbergdesign", "partner"},
               {"stockholms-stad", "participant"},
               {"goteborgs-stad", "participant"},
               {"helsingborgs-stad", "participant"}},
     .objectives = {"m-streets", "m-active"},
     .sdg_targets = {"11.7", "11.2", "3.9"}},
    {.slug = "street-moves-2",
     .mission = "gator",
     .title_sv = "Street Moves 2",
     .title_en = "Street Moves 2",
     .summary_sv = "Sex kommuner deltog: Hultsfred, Härnösand, Södertälje, Göteborg, "
                   "Helsingborg och Umeå. Metoderna prövades med San José hösten 2023. "
                   "Spridning: 2 internationella och 14 nationella konferenser, 54 "
                   "medieartiklar.",
     .summary_en = "Six municipalities took part: Hultsfred, Härnösand, Södertälje, Göteborg, "
                   "Helsingborg and Umeå. The methods were tested with San José in autumn 2023. "
                   "Reach: 2 international and 14 national conferences, 54 media articles.",
     .origin = "top_down",
     .status = "completed",
     .lead = "arkdes",
     .start_date = "2021-06-01",
     .end_date = "2023-12-31",
     .budget_sek = 8176016,
     .funding = "Vinnova, SEK 8,176,016",
     .hypotheses_sv = "- Tillfälliga förändringar bygger stöd för permanenta.",
     .hypotheses_en = "- Temporary changes build support for permanent ones.",
     .learnings_sv = "- I enkäterna i Hultsfred, Härnösand och Södertälje var **81 %** positiva "
                     "till de tillfälliga gatuförändringarna.\n"
                     "- Metoden fungerar också i mindre kommuner.",
     .learnings_en = "- In the Hultsfred, Härnösand and Södertälje surveys **81 %** were "
                     "positive about the temporary street changes.\n"
                     "- The method also works in smaller municipalities.",
     .parts = {{"vinnova", "funder"},
               {"hultsfreds-kommun", "participant"},
               {"harnosands-kommun", "participant"},
               {"sodertalje-kommun", "participant"},
               {"goteborgs-stad", "participant"},
               {"helsingborgs-stad", "participant"},
               {"umea-kommun", "participant"}},
     .objectives = {"m-streets", "m-municipal"},
     .sdg_targets = {"11.7", "11.6", "3.6"}},
    {.slug = "shift2access",
     .mission = "gator",
     .title_sv = "Shift2Access",
     .title_en = "Shift2Access",
     .summary_sv = "Tioårigt program, beviljat 2024 av Vinnova, Formas och Energimyndigheten. "
                   "Det växte fram ur Access Sweden och the Shift, som tillsammans med omkring "
                   "180 rådgivare formulerade missionen *ett fossilfritt, resursmedvetet Sverige "
                   "med attraktiva och tillgängliga livsmiljöer för alla – visat på 100 platser "
                   "under 10 år*.",
     .summary_en = "Ten-year programme granted in 2024 by Vinnova, Formas and the Swedish Energy "
                   "Agency. It grew out of Access Sweden and the Shift, which with about 180 "
                   "advisers formulated the mission *a fossil-free, resource-aware Sweden with "
                   "attractive and accessible living environments for all – shown in 100 places "
                   "over 10 years*.",
     .origin = "top_down",
     .status = "running",
     .lead = NULL,
     .start_date = NULL,
     .end_date = NULL,
     .funding = "Vinnova, Formas and the Swedish Energy Agency",
     .hypotheses_sv = "- Tillgänglighet utan egen bil kan visas plats för plats.",
     .hypotheses_en = "- Accessibility without a private car can be shown place by place.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"vinnova", "funder"}, {"formas", "funder"}, {"energimyndigheten", "funder"}},
     .objectives = {"m-active", "m-municipal"},
     .sdg_targets = {"11.2", "13.2"}},
    {.slug = "klimatkontrakt-2030",
     .mission = "gator",
     .title_sv = "Klimatkontrakt 2030",
     .title_en = "Climate City Contract 2030",
     .summary_sv = "Viable Cities mission är *klimatneutrala städer 2030 med ett gott liv för "
                   "alla inom planetens gränser*. Klimatkontraktet skrevs under den 11 december "
                   "2020 av nio städer och Energimyndigheten, Formas, Vinnova och Tillväxtverket; "
                   "Trafikverket och Naturvårdsverket anslöt senare. I dag deltar 23 kommuner, "
                   "och kontraktet revideras varje december.",
     .summary_en = "Viable Cities' mission is *climate-neutral cities 2030 with a good life for "
                   "all within planetary boundaries*. The contract was signed on 11 December 2020 "
                   "by nine cities and the Energy Agency, Formas, Vinnova and Tillväxtverket; the "
                   "Transport Administration and the Environmental Protection Agency joined "
                   "later. 23 municipalities take part today, and the contract is revised every "
                   "December.",
     .origin = "top_down",
     .status = "running",
     .lead = "viable-cities",
     .start_date = "2020-12-11",
     .end_date = "2030-12-31",
     .funding = "Vinnova, Formas and the Swedish Energy Agency",
     .hypotheses_sv = "- Gemensamma åtaganden mellan stat och kommun snabbar på omställningen.",
     .hypotheses_en = "- Joint commitments between state and municipalities speed up the shift.",
     .learnings_sv = "- Den årliga revisionen håller kontraktet levande.",
     .learnings_en = "- The yearly revision keeps the contract alive.",
     .parts = {{"vinnova", "funder"},
               {"energimyndigheten", "funder"},
               {"formas", "funder"},
               {"trafikverket", "partner"},
               {"naturvardsverket", "partner"},
               {"umea-kommun", "participant"}},
     .objectives = {"m-municipal", "m-climate"},
     .sdg_targets = {"13.2", "11.6"}},
    {.slug = "dialoger-framtidens-gator",
     .mission = "gator",
     .title_sv = "Dialoger om framtidens gator",
     .title_en = "Dialogues on the streets of the future",
     .summary_sv = "*Demoexempel.* En serie dialoger med boende, näringsidkare och äldre om "
                   "vad gatan utanför porten ska användas till.",
     .summary_en = "*Demo example.* A series of dialogues with residents, shopkeepers and older "
                   "people on what the street outside the door should be used for.",
     .origin = "top_down",
     .status = "accepted",
     .lead = "arkdes",
     .start_date = "2026-02-01",
     .end_date = "2026-11-30",
     .funding = "Demo: mission budget",
     .hypotheses_sv = "- Grupper som sällan hörs har andra behov än de som brukar svara.",
     .hypotheses_en = "- Groups rarely heard have other needs than those who usually respond.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"harnosands-kommun", "participant"},
               {"seniorernas-gangnatverk", "partner"},
               {"levande-gator", "partner"}},
     .objectives = {"m-streets"},
     .sdg_targets = {"11.7"}},
    /* streets: bottom-up */
    {.slug = "framtidsgatan",
     .mission = "gator",
     .title_sv = "FRAMTIDSGATAN",
     .title_en = "FRAMTIDSGATAN (Future street)",
     .summary_sv = "Spacescape ledde arbetet med Edge, Norconsult, Framtiden AB, IVL och "
                   "städerna Stockholm, Göteborg och Umeå. Resultatet blev bland annat en "
                   "designguide för snabba gator.",
     .summary_en = "Spacescape led the work with Edge, Norconsult, Framtiden AB, IVL and the "
                   "cities of Stockholm, Göteborg and Umeå. Results include a design guide for "
                   "fast streets.",
     .origin = "bottom_up",
     .status = "completed",
     .lead = "spacescape",
     .start_date = "2021-11-01",
     .end_date = "2024-09-30",
     .budget_sek = 4233788,
     .funding = "Vinnova, SEK 4,233,788",
     .hypotheses_sv = "- Snabba, tillfälliga förändringar kan leda till permanenta gator.",
     .hypotheses_en = "- Quick, temporary changes can lead to permanent streets.",
     .learnings_sv = "- Storgatan i Umeå och Roslagsgatan/Helsingforsgatan i Stockholm görs "
                     "permanenta.\n- Gävle tog fram en plan för smarta gator och Sundbyberg "
                     "påbörjade en.",
     .learnings_en = "- Storgatan in Umeå and Roslagsgatan/Helsingforsgatan in Stockholm are "
                     "being made permanent.\n- Gävle drew up a smart-streets plan and Sundbyberg "
                     "started one.",
     .parts = {{"vinnova", "funder"},
               {"edge", "partner"},
               {"norconsult", "partner"},
               {"framtiden-ab", "partner"},
               {"ivl", "partner"},
               {"stockholms-stad", "participant"},
               {"goteborgs-stad", "participant"},
               {"umea-kommun", "participant"}},
     .objectives = {"m-streets", "m-municipal"},
     .sdg_targets = {"11.2", "11.7", "9.1"}},
    {.slug = "smarta-gator",
     .mission = "gator",
     .title_sv = "Smarta gator",
     .title_en = "Smart streets",
     .summary_sv = "Forskningskonsortium med KTH, Chalmers, VTI, Spacescape, Sweco och White "
                   "om hur gatan kan delas mellan rörelse, vistelse och nya mobilitetstjänster.",
     .summary_en = "Research consortium of KTH, Chalmers, VTI, Spacescape, Sweco and White on how "
                   "the street can be shared between movement, staying and new mobility "
                   "services.",
     .origin = "bottom_up",
     .status = "completed",
     .lead = "kth",
     .start_date = NULL,
     .end_date = NULL,
     .budget_sek = 9000000,
     .funding = "SEK 9 million over three years",
     .hypotheses_sv = "- Gatans yta kan användas smartare om den planeras för flera funktioner "
                      "samtidigt.",
     .hypotheses_en = "- Street space can be used more smartly if planned for several functions "
                      "at once.",
     .learnings_sv = "- Ledde vidare till försöken i Framtidsgator.",
     .learnings_en = "- Led on to the Framtidsgator trials.",
     .parts = {{"chalmers", "partner"},
               {"vti", "partner"},
               {"spacescape", "partner"},
               {"sweco", "partner"},
               {"white", "partner"}},
     .objectives = {"m-streets", "m-active"},
     .sdg_targets = {"11.2", "11.6", "9.1"}},
    {.slug = "mobilitetshubbar-stockholm",
     .mission = "gator",
     .title_sv = "Mobilitetshubbar på Roslagsgatan och Helsingforsgatan",
     .title_en = "Mobility hubs on Roslagsgatan and Helsingforsgatan",
     .summary_sv = "Framtidsgators försök i Stockholm: parkeringsplatser blev mötesplatser med "
                   "delade elsparkcyklar och bilar. Boende, ArkDes, LundbergDesign och White var "
                   "också med.",
     .summary_en = "The Framtidsgator trial in Stockholm: parking spaces became meeting places "
                   "with shared e-scooters and cars. Residents, ArkDes, LundbergDesign and White "
                   "also took part.",
     .origin = "bottom_up",
     .status = "completed",
     .lead = "stockholms-stad",
     .start_date = NULL,
     .end_date = NULL,
     .funding = "Part of Framtidsgator",
     .hypotheses_sv = "- Delade fordon nära porten minskar behovet av egen bil och "
                      "parkeringsplats.",
     .hypotheses_en = "- Shared vehicles close to the door reduce the need for a private car "
                      "and a parking space.",
     .learnings_sv = "- En Novusundersökning visade att **mer än 70 %** av de boende var "
                     "positiva och 10 % negativa.\n- Gatorna görs nu permanenta.",
     .learnings_en = "- A Novus survey showed **more than 70 %** of residents positive and 10 % "
                     "negative.\n- The streets are now being made permanent.",
     .parts = {{"spacescape", "partner"},
               {"voi", "partner"},
               {"m-volvo-car-mobility", "partner"},
               {"transportstyrelsen", "participant"},
               {"novus", "participant"}},
     .objectives = {"m-streets", "m-active"},
     .sdg_targets = {"11.2", "11.7"}},
    {.slug = "storgatan-umea",
     .mission = "gator",
     .title_sv = "Storgatan i Umeå blir permanent",
     .title_en = "Making Storgatan in Umeå permanent",
     .summary_sv = "Efter försöken i FRAMTIDSGATAN görs Storgatan permanent. *Demo: perioden "
                   "och deltagarna är exempel.*",
     .summary_en = "After the FRAMTIDSGATAN trials, Storgatan is being made permanent. *Demo: "
                   "the period and participants are examples.*",
     .origin = "bottom_up",
     .status = "running",
     .lead = "umea-kommun",
     .start_date = "2024-10-01",
     .end_date = "2026-12-31",
     .funding = "Demo: municipal investment budget",
     .hypotheses_sv = "- Det som prövats tillfälligt har stöd när det byggs permanent.",
     .hypotheses_en = "- What was tried temporarily has support when built permanently.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"grannskapsforeningen-storgatan", "participant"}, {"umea-universitet", "partner"}},
     .objectives = {"m-streets", "m-municipal"},
     .sdg_targets = {"11.7", "3.6"}},
    {.slug = "plan-smarta-gator-gavle",
     .mission = "gator",
     .title_sv = "Plan för smarta gator i Gävle",
     .title_en = "Smart-streets plan for Gävle",
     .summary_sv = "Gävle tog fram en plan för smarta gator efter FRAMTIDSGATAN. *Demo: "
                   "perioden är ett exempel.*",
     .summary_en = "Gävle drew up a smart-streets plan after FRAMTIDSGATAN. *Demo: the period is "
                   "an example.*",
     .origin = "bottom_up",
     .status = "completed",
     .lead = "gavle-kommun",
     .start_date = "2023-09-01",
     .end_date = "2024-09-30",
     .funding = "Demo: municipal funds",
     .hypotheses_sv = "- En plan gör det lättare att prioritera gator för omvandling.",
     .hypotheses_en = "- A plan makes it easier to prioritise streets for transformation.",
     .learnings_sv = "- Demo: designguiden för snabba gator gick att använda direkt.",
     .learnings_en = "- Demo: the design guide for fast streets could be used directly.",
     .parts = {{"cykelforeningen-trampa", "participant"}},
     .objectives = {"m-municipal"},
     .sdg_targets = {"11.2"}},
    {.slug = "plan-smarta-gator-sundbyberg",
     .mission = "gator",
     .title_sv = "Plan för smarta gator i Sundbyberg",
     .title_en = "Smart-streets plan for Sundbyberg",
     .summary_sv = "Sundbyberg har påbörjat en plan för smarta gator. *Demo: perioden är ett "
                   "exempel.*",
     .summary_en = "Sundbyberg has started a smart-streets plan. *Demo: the period is an "
                   "example.*",
     .origin = "bottom_up",
     .status = "running",
     .lead = "sundbybergs-stad",
     .start_date = "2024-10-01",
     .end_date = "2026-06-30",
     .funding = "Demo: municipal funds",
     .hypotheses_sv = "- Täta städer vinner mest på att gatan delas smartare.",
     .hypotheses_en = "- Dense cities gain most from sharing the street more smartly.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"levande-gator", "participant"}},
     .objectives = {"m-municipal"},
     .sdg_targets = {"11.2", "11.6"}},
    {.slug = "skolgator",
     .mission = "gator",
     .title_sv = "Skolgator – bilfritt vid skolstart",
     .title_en = "School streets – car-free at school start",
     .summary_sv = "*Demoexempel.* Gatan utanför skolan stängs för biltrafik morgon och "
                   "eftermiddag.",
     .summary_en = "*Demo example.* The street outside the school is closed to cars in the "
                   "morning and afternoon.",
     .origin = "bottom_up",
     .status = "proposed",
     .lead = "levande-gator",
     .start_date = "2026-08-15",
     .end_date = "2027-06-15",
     .funding = "Demo: applied for",
     .hypotheses_sv = "- Fler barn går och cyklar när gatan är trygg.",
     .hypotheses_en = "- More children walk and cycle when the street is safe.",
     .learnings_sv = "",
     .learnings_en = "",
     .parts = {{"helsingborgs-stad", "participant"}},
     .objectives = {"m-streets", "m-active"},
     .sdg_targets = {"3.6", "3.9"}},
    {.slug = "lanecyklar-hultsfred",
     .mission = "gator",
     .title_sv = "Lånecyklar för pendlare i Hultsfred",
     .title_en = "Loan bikes for commuters in Hultsfred",
     .summary_sv = "*Demoexempel.* Lånecyklar vid stationen för pendlare.",
     .summary_en = "*Demo example.* Loan bikes at the station for commuters.",
     .origin = "bottom_up",
     .status = "stopped",
     .lead = "cykelforeningen-trampa",
     .start_date = "2022-05-01",
     .end_date = "2023-03-31",
     .funding = "Demo: local sponsorship",
     .hypotheses_sv = "- Pendlare cyklar till stationen om det finns en cykel att låna.",
     .hypotheses_en = "- Commuters cycle to the station if there is a bike to borrow.",
     .learnings_sv = "- Demo: avbröts efter vintern; för få lån utanför sommaren. Cyklarna "
                     "flyttades till en skola.",
     .learnings_en = "- Demo: stopped after the winter; too few loans outside summer. The bikes "
                     "moved to a school.",
     .parts = {{"hultsfreds-kommun", "participant"}},
     .objectives = {"m-active"},
     .sdg_targets = {"11.2"}},
    {.slug = "gatufester",
     .mission = "gator",
     .title_sv = "Gatufest varje fredag",
     .title_en = "A street party every Friday",
     .summary_sv = "*Demoexempel.* Förslag om att stänga Storgatan för fest varje fredag "
                   "sommartid.",
     .summary_en = "*Demo example.* Proposal to close Storgatan for a party every Friday in "
                   "summer.",
     .origin = "bottom_up",
     .status = "declined",
     .lead = "grannskapsforeningen-storgatan",
     .start_date = "2025-06-01",
     .end_date = "2025-08-31",
     .funding = "Demo: applied for",
     .hypotheses_sv = "- Återkommande evenemang gör gatan till en mötesplats.",
     .hypotheses_en = "- Recurring events make the street a meeting place.",
     .learnings_sv = "- Demo: avböjt som initiativ i missionen och hänvisat till kommunens "
                     "tillstånd för evenemang.",
     .learnings_en = "- Demo: declined as a mission initiative and referred to the "
                     "municipality's event permits.",
     .parts = {{"umea-kommun", "participant"}},
     .objectives = {"m-streets"},
     .sdg_targets = {"11.7"}},
};

/* ---- mission teams ---- */

/* clang-format off */
static const struct demo_team teams[] = {
    {"skolmat", "maria-holm", "mission_lead", 1},
    {"skolmat", "johan-ekberg", "coordinator", 1},
    {"skolmat", "sara-nystrom", "analyst", 0},
    {"skolmat", "amir-haddad", "communications", 0},
    {"skolmat", "lena-sjoberg", "member", 0},
    {"gator", "erik-lindgren", "mission_lead", 1},
    {"gator", "fatima-yilmaz", "coordinator", 1},
    {"gator", "oskar-dahl", "analyst", 0},
    {"gator", "ida-wallin", "communications", 0},
};
/* clang-format on */

/* ---- loader ---- */

struct ctx {
    struct db *db;
    int64_t now;
    int64_t actor_id[NELEM(actors)];
    int64_t person_id[NELEM(people)];
    int64_t mission_id[NELEM(missions)];
    int64_t objective_id[NELEM(objectives)];
    int64_t objective_mission[NELEM(objectives)];
    int64_t indicator_id[NELEM(indicators)];
};

/* The index of the row whose key (its first member) is `key`, or -1. */
static int
row_of(const void *table, size_t n, size_t size, const char *key)
{
    const char *row = table;
    size_t i;

    /* clang-tidy's analyzer cannot follow a row read through its first member and takes
     * the key as uninitialised; every table's rows have their key */
    for (i = 0; i < n; i++, row += size)
        /* NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage) */
        if (strcmp(*(const char *const *)(const void *)row, key) == 0)
            return (int)i;
    return -1;
}

/* The id stored for `key` in `ids`; ERR_NOTFOUND (logged) for a key that is
 * not in the table or whose row is not inserted yet: a mistake in the tables. */
static enum err
resolve(const char *kind, const void *table, size_t n, size_t size, const int64_t *ids,
        const char *key, int64_t *out)
{
    int i;

    i = row_of(table, n, size, key);
    if (i < 0 || ids[i] == 0) {
        log_msg(LOG_ERROR, "msg=\"demo: unknown reference\" kind=%s key=%s", kind, key);
        return ERR_NOTFOUND;
    }
    *out = ids[i];
    return ERR_OK;
}

static enum err
actor_ref(const struct ctx *c, const char *slug, int64_t *out)
{
    return resolve("actor", actors, NELEM(actors), sizeof(actors[0]), c->actor_id, slug, out);
}

static enum err
person_ref(const struct ctx *c, const char *key, int64_t *out)
{
    return resolve("person", people, NELEM(people), sizeof(people[0]), c->person_id, key, out);
}

static enum err
mission_ref(const struct ctx *c, const char *slug, int64_t *out)
{
    return resolve("mission", missions, NELEM(missions), sizeof(missions[0]), c->mission_id, slug,
                   out);
}

static enum err
objective_ref(const struct ctx *c, const char *key, int64_t *out)
{
    return resolve("objective", objectives, NELEM(objectives), sizeof(objectives[0]),
                   c->objective_id, key, out);
}

static struct db_stmt *
stmt(struct ctx *c, enum q q)
{
    return db_stmt(c->db, q); /* NULL is logged by db_stmt */
}

/* Finish an INSERT ... RETURNING id: step once, read the id, release. */
static enum err
insert_id(struct db_stmt *st, const char *what, const char *key, int64_t *out)
{
    enum err rc;
    bool row;

    rc = db_step(st, &row);
    if (rc == ERR_OK && !row)
        rc = ERR_DB;
    if (rc == ERR_OK)
        *out = db_i64(st, 0);
    db_done(st);
    if (rc)
        log_msg(LOG_ERROR, "msg=\"demo: insert failed\" entity=%s key=%s err=\"%s\"", what, key,
                err_str(rc));
    return rc;
}

/* Finish an INSERT without a result. */
static enum err
insert(struct db_stmt *st, const char *what, const char *key)
{
    enum err rc;

    rc = db_run(st);
    if (rc)
        log_msg(LOG_ERROR, "msg=\"demo: insert failed\" entity=%s key=%s err=\"%s\"", what, key,
                err_str(rc));
    return rc;
}

static void
bind_id_or_null(struct db_stmt *st, int i, int64_t id)
{
    if (id != 0)
        db_bind_i64(st, i, id);
    else
        db_bind_null(st, i);
}

/* Insert one (owner, code) link row for each code of a NULL-terminated list. */
static enum err
link_codes(struct ctx *c, enum q q, int64_t owner, const char *const *codes, size_t n,
           const char *what)
{
    struct db_stmt *st;
    enum err rc;
    size_t i;

    for (i = 0; i < n && codes[i] != NULL; i++) {
        st = stmt(c, q);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, owner);
        db_bind_text(st, 2, codes[i]);
        rc = insert(st, what, codes[i]);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
load_actors(struct ctx *c)
{
    const struct demo_actor *a;
    struct db_stmt *st;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(actors); i++) {
        a = &actors[i];
        st = stmt(c, Q_DEMO_ACTOR_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, a->slug);
        db_bind_text(st, 2, a->name);
        db_bind_text(st, 3, a->orgnr);
        db_bind_text(st, 4, a->sector);
        db_bind_text(st, 5, a->sni);
        db_bind_text(st, 6, a->municipality);
        db_bind_text(st, 7, a->website);
        db_bind_text(st, 8, a->description_sv);
        db_bind_text(st, 9, a->description_en);
        db_bind_i64(st, 10, c->now);
        rc = insert_id(st, "actor", a->slug, &c->actor_id[i]);
        if (rc == ERR_OK)
            rc = link_codes(c, Q_ACTOR_DISCIPLINE_ADD, c->actor_id[i], a->disciplines,
                            NELEM(a->disciplines), "actor_discipline");
        if (rc == ERR_OK)
            rc = audit_add(c->db, "demo", "create", "actor", c->actor_id[i], 0, "");
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
load_people(struct ctx *c)
{
    const struct demo_person *p;
    struct db_stmt *st;
    int64_t actor;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(people); i++) {
        p = &people[i];
        rc = actor_ref(c, p->actor, &actor);
        if (rc)
            return rc;
        st = stmt(c, Q_DEMO_PERSON_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, actor);
        db_bind_text(st, 2, p->name);
        db_bind_text(st, 3, p->title_sv);
        db_bind_text(st, 4, p->title_en);
        db_bind_text(st, 5, p->email);
        db_bind_text(st, 6, p->phone);
        rc = insert_id(st, "person", p->key, &c->person_id[i]);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
load_missions(struct ctx *c)
{
    const struct demo_mission *m;
    struct db_stmt *st;
    int64_t owner;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(missions); i++) {
        m = &missions[i];
        rc = person_ref(c, m->owner, &owner);
        if (rc)
            return rc;
        st = stmt(c, Q_DEMO_MISSION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_text(st, 1, m->slug);
        db_bind_text(st, 2, m->title_sv);
        db_bind_text(st, 3, m->title_en);
        db_bind_text(st, 4, m->goal_sv);
        db_bind_text(st, 5, m->goal_en);
        db_bind_text(st, 6, m->description_sv);
        db_bind_text(st, 7, m->description_en);
        db_bind_text(st, 8, m->deadline);
        db_bind_i64(st, 9, m->start_year);
        db_bind_text(st, 10, m->status);
        db_bind_i64(st, 11, owner);
        db_bind_i64(st, 12, (int64_t)i);
        db_bind_i64(st, 13, c->now);
        rc = insert_id(st, "mission", m->slug, &c->mission_id[i]);
        if (rc == ERR_OK)
            rc = link_codes(c, Q_MISSION_SDG_TARGET_ADD, c->mission_id[i], m->sdg_targets,
                            NELEM(m->sdg_targets), "mission_sdg_target");
        if (rc == ERR_OK)
            rc = audit_add(c->db, "demo", "create", "mission", c->mission_id[i], c->mission_id[i],
                           "");
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* Position of row i among the earlier rows of the same mission and parent. */
static int
objective_position(size_t i)
{
    const struct demo_objective *o = &objectives[i];
    int pos = 0;
    size_t j;

    for (j = 0; j < i; j++)
        if (strcmp(objectives[j].mission, o->mission) == 0 &&
            (objectives[j].parent == NULL) == (o->parent == NULL) &&
            (o->parent == NULL || strcmp(objectives[j].parent, o->parent) == 0))
            pos++;
    return pos;
}

static enum err
load_objectives(struct ctx *c)
{
    const struct demo_objective *o;
    struct db_stmt *st;
    int64_t mission, parent = 0;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(objectives); i++) {
        o = &objectives[i];
        rc = mission_ref(c, o->mission, &mission);
        if (rc == ERR_OK && o->parent != NULL)
            rc = objective_ref(c, o->parent, &parent);
        if (rc)
            return rc;
        st = stmt(c, Q_DEMO_OBJECTIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission);
        bind_id_or_null(st, 2, o->parent != NULL ? parent : 0);
        db_bind_i64(st, 3, objective_position(i));
        db_bind_text(st, 4, o->title_sv);
        db_bind_text(st, 5, o->title_en);
        db_bind_text(st, 6, o->description_sv);
        db_bind_text(st, 7, o->description_en);
        db_bind_dbl(st, 8, o->weight);
        rc = insert_id(st, "objective", o->key, &c->objective_id[i]);
        if (rc == ERR_OK)
            rc = audit_add(c->db, "demo", "create", "objective", c->objective_id[i], mission, "");
        if (rc)
            return rc;
        c->objective_mission[i] = mission;
    }
    return ERR_OK;
}

static int
indicator_position(size_t i)
{
    int pos = 0;
    size_t j;

    for (j = 0; j < i; j++)
        if (strcmp(indicators[j].objective, indicators[i].objective) == 0)
            pos++;
    return pos;
}

static void
bind_target(struct db_stmt *st, const struct demo_indicator *d)
{
    if (d->base_year != 0) {
        db_bind_i64(st, 12, d->base_year);
        db_bind_dbl(st, 13, d->base_value);
    } else {
        db_bind_null(st, 12);
        db_bind_null(st, 13);
    }
    db_bind_text(st, 14, d->target_kind);
    if (strcmp(d->target_kind, "none") != 0) {
        db_bind_dbl(st, 15, d->target_value);
        db_bind_i64(st, 16, d->target_year);
    } else {
        db_bind_null(st, 15);
        db_bind_null(st, 16);
    }
}

static enum err
load_dimensions(struct ctx *c, int64_t indicator, const struct demo_indicator *d)
{
    struct db_stmt *st;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(d->dimensions) && d->dimensions[i] != NULL; i++) {
        st = stmt(c, Q_DIMENSION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, indicator);
        db_bind_i64(st, 2, (int64_t)i);
        db_bind_text(st, 3, d->dimensions[i]);
        rc = insert(st, "indicator_dimension", d->key);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
load_indicators(struct ctx *c)
{
    const struct demo_indicator *d;
    struct db_stmt *st;
    int64_t objective, mission;
    enum err rc;
    size_t i;
    int k;

    for (i = 0; i < NELEM(indicators); i++) {
        d = &indicators[i];
        k = row_of(objectives, NELEM(objectives), sizeof(objectives[0]), d->objective);
        rc = objective_ref(c, d->objective, &objective);
        if (rc)
            return rc;
        mission = c->objective_mission[k];
        st = stmt(c, Q_DEMO_INDICATOR_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission);
        db_bind_i64(st, 2, objective);
        db_bind_i64(st, 3, indicator_position(i));
        db_bind_text(st, 4, d->title_sv);
        db_bind_text(st, 5, d->title_en);
        db_bind_text(st, 6, d->description_sv);
        db_bind_text(st, 7, d->description_en);
        db_bind_text(st, 8, d->unit_sv);
        db_bind_text(st, 9, d->unit_en);
        db_bind_text(st, 10, d->direction);
        db_bind_i64(st, 11, d->decimals);
        bind_target(st, d);
        db_bind_text(st, 17, d->source);
        db_bind_text(st, 18, d->source_url);
        db_bind_dbl(st, 19, d->weight);
        db_bind_i64(st, 20, c->now);
        rc = insert_id(st, "indicator", d->key, &c->indicator_id[i]);
        if (rc == ERR_OK)
            rc = load_dimensions(c, c->indicator_id[i], d);
        if (rc == ERR_OK)
            rc = link_codes(c, Q_INDICATOR_SDG_ADD, c->indicator_id[i], d->sdg_indicators,
                            NELEM(d->sdg_indicators), "indicator_sdg");
        if (rc == ERR_OK)
            rc = audit_add(c->db, "demo", "create", "indicator", c->indicator_id[i], mission, "");
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* The year of a period: its first four characters, which must be digits. */
static enum err
period_year(const char *period, int *out)
{
    int i, y = 0;

    for (i = 0; i < 4; i++) {
        if (!isdigit((unsigned char)period[i]))
            return ERR_INVALID;
        y = y * 10 + (period[i] - '0');
    }
    *out = y;
    return ERR_OK;
}

/* Whether disagg names the indicator's dimensions in order ("" always does):
 * "Field=Value" pairs joined by 0x1f, one per dimension from the first. */
static bool
disagg_fits(const struct demo_indicator *d, const char *disagg)
{
    const char *p = disagg;
    size_t i, len;

    if (*p == '\0')
        return true;
    for (i = 0; i < NELEM(d->dimensions) && d->dimensions[i] != NULL; i++) {
        len = strlen(d->dimensions[i]);
        if (strncmp(p, d->dimensions[i], len) != 0 || p[len] != '=')
            return false;
        p = strchr(p + len, '\x1f');
        if (p == NULL)
            return true;
        p++;
    }
    return false;
}

static enum err
load_observations(struct ctx *c)
{
    const struct demo_observation *o;
    const struct demo_indicator *d;
    struct db_stmt *st;
    enum err rc;
    size_t i;
    int k, year;

    for (i = 0; i < NELEM(observations); i++) {
        o = &observations[i];
        k = row_of(indicators, NELEM(indicators), sizeof(indicators[0]), o->indicator);
        if (k < 0 || period_year(o->period, &year) != ERR_OK ||
            !disagg_fits(&indicators[k], o->disagg)) {
            log_msg(LOG_ERROR, "msg=\"demo: bad observation row\" indicator=%s period=%s",
                    o->indicator, o->period);
            return ERR_INVALID;
        }
        d = &indicators[k];
        st = stmt(c, Q_OBSERVATION_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, c->indicator_id[k]);
        db_bind_text(st, 2, o->period);
        db_bind_i64(st, 3, year);
        db_bind_text(st, 4, "");
        db_bind_text(st, 5, "");
        db_bind_text(st, 6, o->disagg);
        db_bind_dbl(st, 7, o->value);
        if (o->kind == ILLUSTRATIVE) {
            db_bind_text(st, 8, DEMO_SOURCE);
            db_bind_text(st, 9, DEMO_NOTE);
        } else {
            db_bind_text(st, 8, o->source != NULL ? o->source : d->source);
            db_bind_text(st, 9, o->note != NULL ? o->note : "");
        }
        rc = insert(st, "observation", o->indicator);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
link_actor(struct ctx *c, int64_t initiative, const char *slug, const char *role)
{
    struct db_stmt *st;
    int64_t actor;
    enum err rc;

    rc = actor_ref(c, slug, &actor);
    if (rc)
        return rc;
    st = stmt(c, Q_INITIATIVE_ACTOR_ADD);
    if (st == NULL)
        return ERR_DB;
    db_bind_i64(st, 1, initiative);
    db_bind_i64(st, 2, actor);
    db_bind_text(st, 3, role);
    return insert(st, "initiative_actor", slug);
}

static enum err
link_initiative(struct ctx *c, int64_t id, const struct demo_initiative *in)
{
    struct db_stmt *st;
    int64_t objective;
    enum err rc = ERR_OK;
    size_t i;

    if (in->lead != NULL)
        rc = link_actor(c, id, in->lead, "lead");
    for (i = 0; rc == ERR_OK && i < NELEM(in->parts) && in->parts[i].actor != NULL; i++)
        rc = link_actor(c, id, in->parts[i].actor, in->parts[i].role);
    for (i = 0; rc == ERR_OK && i < NELEM(in->objectives) && in->objectives[i] != NULL; i++) {
        rc = objective_ref(c, in->objectives[i], &objective);
        if (rc)
            break;
        st = stmt(c, Q_INITIATIVE_OBJECTIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, id);
        db_bind_i64(st, 2, objective);
        rc = insert(st, "initiative_objective", in->objectives[i]);
    }
    if (rc == ERR_OK)
        rc = link_codes(c, Q_INITIATIVE_SDG_TARGET_ADD, id, in->sdg_targets, NELEM(in->sdg_targets),
                        "initiative_sdg_target");
    return rc;
}

static enum err
load_initiatives(struct ctx *c)
{
    const struct demo_initiative *in;
    struct db_stmt *st;
    int64_t mission, lead = 0, id;
    enum err rc;
    size_t i;

    for (i = 0; i < NELEM(initiatives); i++) {
        in = &initiatives[i];
        rc = mission_ref(c, in->mission, &mission);
        if (rc == ERR_OK && in->lead != NULL)
            rc = actor_ref(c, in->lead, &lead);
        if (rc)
            return rc;
        st = stmt(c, Q_DEMO_INITIATIVE_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission);
        db_bind_text(st, 2, in->slug);
        db_bind_text(st, 3, in->title_sv);
        db_bind_text(st, 4, in->title_en);
        db_bind_text(st, 5, in->summary_sv);
        db_bind_text(st, 6, in->summary_en);
        db_bind_text(st, 7, in->origin);
        db_bind_text(st, 8, in->status);
        bind_id_or_null(st, 9, in->lead != NULL ? lead : 0);
        db_bind_text(st, 10, in->start_date);
        db_bind_text(st, 11, in->end_date);
        bind_id_or_null(st, 12, in->budget_sek);
        db_bind_text(st, 13, in->funding);
        db_bind_text(st, 14, in->hypotheses_sv);
        db_bind_text(st, 15, in->hypotheses_en);
        db_bind_text(st, 16, in->learnings_sv != NULL ? in->learnings_sv : "");
        db_bind_text(st, 17, in->learnings_en != NULL ? in->learnings_en : "");
        db_bind_i64(st, 18, c->now);
        rc = insert_id(st, "initiative", in->slug, &id);
        if (rc == ERR_OK)
            rc = link_initiative(c, id, in);
        if (rc == ERR_OK)
            rc = audit_add(c->db, "demo", "create", "initiative", id, mission, "");
        if (rc)
            return rc;
    }
    return ERR_OK;
}

static enum err
load_teams(struct ctx *c)
{
    const struct demo_team *t;
    struct db_stmt *st;
    int64_t mission, person;
    enum err rc;
    size_t i;
    int pos = 0;

    for (i = 0; i < NELEM(teams); i++) {
        t = &teams[i];
        rc = mission_ref(c, t->mission, &mission);
        if (rc == ERR_OK)
            rc = person_ref(c, t->person, &person);
        if (rc)
            return rc;
        pos = i > 0 && strcmp(teams[i - 1].mission, t->mission) == 0 ? pos + 1 : 0;
        st = stmt(c, Q_TEAM_MEMBER_ADD);
        if (st == NULL)
            return ERR_DB;
        db_bind_i64(st, 1, mission);
        db_bind_i64(st, 2, person);
        db_bind_text(st, 3, t->role);
        db_bind_i64(st, 4, t->is_contact);
        db_bind_i64(st, 5, pos);
        rc = insert(st, "team_member", t->person);
        if (rc)
            return rc;
    }
    return ERR_OK;
}

/* In dependency order: each step refers only to rows of the steps before it. */
static enum err (*const steps[])(struct ctx *) = {
    load_actors,     load_people,       load_missions,    load_objectives,
    load_indicators, load_observations, load_initiatives, load_teams,
};

enum err
demo_load(struct db *db)
{
    struct ctx c;
    enum err rc;
    size_t i;

    memset(&c, 0, sizeof(c));
    c.db = db;
    c.now = (int64_t)time(NULL);
    for (i = 0; i < NELEM(steps); i++) {
        rc = steps[i](&c);
        if (rc) {
            log_msg(LOG_ERROR, "msg=\"demo data not loaded\" err=\"%s\"", err_str(rc));
            return rc;
        }
    }
    return ERR_OK;
}
