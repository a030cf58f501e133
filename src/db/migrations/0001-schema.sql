-- 0001-schema.sql — the foundation data model (DESIGN.md §3).
-- Portable SQL: runs on SQLite and PostgreSQL. @PK@ becomes the dialect's
-- auto-increment primary key (db/migrate.c). Times are Unix seconds (BIGINT),
-- dates are ISO 8601 text (YYYY-MM-DD), flags are INTEGER 0/1.

-- Reference data (loaded from data/ at init) -------------------------------
CREATE TABLE sdg_goal (
    code INTEGER PRIMARY KEY,            -- 1..17
    title_en TEXT NOT NULL,
    short_en TEXT NOT NULL,
    short_sv TEXT NOT NULL,
    colour TEXT NOT NULL                 -- #RRGGBB, the UN palette
);
CREATE TABLE sdg_target (
    code TEXT PRIMARY KEY,               -- '2.1', '12.3', '17.a'
    goal INTEGER NOT NULL REFERENCES sdg_goal(code),
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL
);
CREATE TABLE sdg_indicator (
    code TEXT PRIMARY KEY,               -- '12.3.1'
    target TEXT NOT NULL REFERENCES sdg_target(code),
    position INTEGER NOT NULL,
    title_en TEXT NOT NULL,
    unsd_code TEXT NOT NULL,
    status_2025 TEXT NOT NULL
);
CREATE TABLE county (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE municipality (
    code TEXT PRIMARY KEY,               -- SCB four-digit code
    name TEXT NOT NULL,                  -- short form, "Hofors"
    county TEXT NOT NULL REFERENCES county(code)
);
CREATE TABLE sni (
    code TEXT PRIMARY KEY,               -- SNI 2007: section letter or 2-5 digits
    label_sv TEXT NOT NULL
);

-- People and organisations ------------------------------------------------
CREATE TABLE actor (
    id @PK@,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    orgnr TEXT UNIQUE,                   -- NNNNNN-NNNN, Luhn-checked
    sector TEXT NOT NULL CHECK (sector IN ('public','private','academia','civil_society','other')),
    sni TEXT REFERENCES sni(code),
    municipality TEXT REFERENCES municipality(code),
    website TEXT,
    description_sv TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE actor_discipline (
    actor_id BIGINT NOT NULL REFERENCES actor(id) ON DELETE CASCADE,
    discipline TEXT NOT NULL,
    PRIMARY KEY (actor_id, discipline)
);
CREATE TABLE person (
    id @PK@,
    actor_id BIGINT REFERENCES actor(id),
    name TEXT NOT NULL,
    title_sv TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_actor ON person(actor_id);

-- Missions and their goal trees -------------------------------------------
CREATE TABLE mission (
    id @PK@,
    slug TEXT NOT NULL UNIQUE,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    goal_sv TEXT NOT NULL,
    goal_en TEXT NOT NULL DEFAULT '',
    description_sv TEXT NOT NULL DEFAULT '',   -- Markdown, rendered with cmark (safe mode)
    description_en TEXT NOT NULL DEFAULT '',
    deadline TEXT NOT NULL,                    -- YYYY-MM-DD
    start_year INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('exploring','in_dialogue','active','concluded')),
    owner_id BIGINT REFERENCES person(id),     -- page owner
    is_demo INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);
CREATE TABLE mission_sdg_target (
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES sdg_target(code),
    PRIMARY KEY (mission_id, target)
);
CREATE TABLE objective (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    parent_id BIGINT REFERENCES objective(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_sv TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    weight DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (weight >= 0)
);
CREATE INDEX objective_mission ON objective(mission_id);
CREATE TABLE indicator (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    objective_id BIGINT NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 0,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_sv TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    unit_sv TEXT NOT NULL DEFAULT '',
    unit_en TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL CHECK (direction IN ('increase','decrease')),
    decimals INTEGER NOT NULL DEFAULT 1 CHECK (decimals BETWEEN 0 AND 6),
    base_year INTEGER,
    base_value DOUBLE PRECISION,
    target_kind TEXT NOT NULL DEFAULT 'absolute' CHECK (target_kind IN ('absolute','relative','none')),
    target_value DOUBLE PRECISION,             -- absolute value, or percent change for relative
    target_year INTEGER,
    limit_value DOUBLE PRECISION,
    source TEXT NOT NULL DEFAULT '',
    source_url TEXT,
    weight DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (weight >= 0),
    created_at BIGINT NOT NULL
);
CREATE INDEX indicator_mission ON indicator(mission_id);
CREATE INDEX indicator_objective ON indicator(objective_id);
-- disaggregation columns an indicator's data may carry, in column order
CREATE TABLE indicator_dimension (
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (indicator_id, name)
);
CREATE TABLE indicator_sdg (
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    sdg_indicator TEXT NOT NULL REFERENCES sdg_indicator(code),
    PRIMARY KEY (indicator_id, sdg_indicator)
);
CREATE TABLE observation (
    id @PK@,
    indicator_id BIGINT NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
    period TEXT NOT NULL,                  -- as given: '2022', '2015-16'
    year INTEGER NOT NULL,                 -- first four characters of period
    series TEXT NOT NULL DEFAULT '',
    unit TEXT NOT NULL DEFAULT '',
    disagg TEXT NOT NULL DEFAULT '',       -- canonical 'Field=Value' pairs joined by US (0x1f); '' = headline
    value DOUBLE PRECISION NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (indicator_id, series, unit, disagg, year)
);

-- Initiatives ------------------------------------------------------------
CREATE TABLE initiative (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary_sv TEXT NOT NULL DEFAULT '',        -- Markdown
    summary_en TEXT NOT NULL DEFAULT '',
    origin TEXT NOT NULL CHECK (origin IN ('top_down','bottom_up')),
    status TEXT NOT NULL CHECK (status IN ('proposed','accepted','running','completed','stopped','declined')),
    lead_actor_id BIGINT REFERENCES actor(id),
    start_date TEXT,
    end_date TEXT,
    budget_sek BIGINT,
    funding TEXT NOT NULL DEFAULT '',
    hypotheses_sv TEXT NOT NULL DEFAULT '',     -- Markdown
    hypotheses_en TEXT NOT NULL DEFAULT '',
    learnings_sv TEXT NOT NULL DEFAULT '',      -- Markdown
    learnings_en TEXT NOT NULL DEFAULT '',
    is_demo INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (mission_id, slug)
);
CREATE INDEX initiative_lead ON initiative(lead_actor_id);
CREATE TABLE initiative_actor (
    initiative_id BIGINT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actor(id),
    role TEXT NOT NULL CHECK (role IN ('lead','partner','funder','financier','participant')),
    PRIMARY KEY (initiative_id, actor_id)
);
CREATE INDEX initiative_actor_actor ON initiative_actor(actor_id);
CREATE TABLE initiative_objective (
    initiative_id BIGINT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    objective_id BIGINT NOT NULL REFERENCES objective(id) ON DELETE CASCADE,
    PRIMARY KEY (initiative_id, objective_id)
);
CREATE TABLE initiative_sdg_target (
    initiative_id BIGINT NOT NULL REFERENCES initiative(id) ON DELETE CASCADE,
    target TEXT NOT NULL REFERENCES sdg_target(code),
    PRIMARY KEY (initiative_id, target)
);

-- Mission team -------------------------------------------------------------
CREATE TABLE team_member (
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES person(id),
    role TEXT NOT NULL CHECK (role IN ('mission_lead','coordinator','analyst','communications','member')),
    is_contact INTEGER NOT NULL DEFAULT 0,     -- contact details shown publicly
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (mission_id, person_id)
);

-- Accountability -------------------------------------------------------------
-- Page views: one row a page and day, no cookies, no IPs (counted in memory,
-- flushed in batches by the server).
CREATE TABLE page_view (
    page TEXT NOT NULL,
    day TEXT NOT NULL,                         -- YYYY-MM-DD (UTC)
    n BIGINT NOT NULL,
    PRIMARY KEY (page, day)
);
CREATE TABLE audit_log (
    id @PK@,
    at BIGINT NOT NULL,
    who TEXT NOT NULL,                         -- user name, or 'system' / 'cli'
    action TEXT NOT NULL,                      -- 'create', 'update', 'delete', 'import'
    entity TEXT NOT NULL,                      -- 'mission', 'indicator', ...
    entity_id BIGINT,
    mission_id BIGINT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id, at);
CREATE INDEX audit_mission ON audit_log(mission_id, at);
