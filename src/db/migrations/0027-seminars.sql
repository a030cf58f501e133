-- 0027-seminars.sql — a mission's seminars (issue 14; domain/seminar.c, docs/internals/db.md):
-- announced by its coordinators, registered for by anyone without an account, with a
-- capacity and a waiting list; attendance marked after the event.
--
-- seminar: starts_at, ends_at and registration_closes_at are Unix seconds (UTC); the
-- pages show them in Europe/Stockholm. Registration is open until the earlier of
-- registration_closes_at and starts_at, and not after cancelled_at. place and online_url:
-- at least one (checked by the domain). capacity: the places; more registrations wait.
-- personal_data_deleted_at: when the registrations' personal data were deleted (the
-- configured number of days after the end); the attendance counts stay.
CREATE TABLE seminar (
    id @PK@,
    mission_id BIGINT NOT NULL REFERENCES mission(id) ON DELETE CASCADE,
    title_sv TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    description_sv TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL CHECK (language IN ('sv','en','sv_en')),
    capacity INTEGER NOT NULL CHECK (capacity > 0),
    registration_closes_at BIGINT NOT NULL,
    accessibility_sv TEXT NOT NULL DEFAULT '',
    accessibility_en TEXT NOT NULL DEFAULT '',
    cancelled_at BIGINT,
    personal_data_deleted_at BIGINT,
    attended_total INTEGER NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES user_account(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0,
    CHECK (ends_at > starts_at),
    CHECK (registration_closes_at <= starts_at)
);
CREATE INDEX seminar_mission ON seminar(mission_id, starts_at);
CREATE INDEX seminar_starts ON seminar(starts_at);
--
-- seminar_registration: one person's registration. email_key is the address in lower
-- case: one live (not cancelled) registration per address and seminar. state: registered
-- (has a place), waiting (queued_at orders the list), cancelled. cancel_token: the secret
-- of the cancel link in every mail to the person (32 random bytes, hex). It is kept, not
-- hashed, because the reminder and the moved-up mail carry the link again; it can cancel
-- this one registration and nothing else, and is deleted with the row's personal data.
-- actor_id: the actor the organisation was matched to, if any. The row is deleted with the
-- personal data; seminar_attendance keeps the counts.
CREATE TABLE seminar_registration (
    id @PK@,
    seminar_id BIGINT NOT NULL REFERENCES seminar(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    actor_id BIGINT REFERENCES actor(id),
    needs_diet TEXT NOT NULL DEFAULT '',
    needs_access TEXT NOT NULL DEFAULT '',
    lang TEXT NOT NULL CHECK (lang IN ('sv','en')),
    consent_at BIGINT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('registered','waiting','cancelled')),
    queued_at BIGINT NOT NULL,
    cancel_token TEXT NOT NULL UNIQUE,
    attended INTEGER NOT NULL DEFAULT 0,
    reminded_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX seminar_registration_email ON seminar_registration(seminar_id, email_key)
    WHERE state <> 'cancelled';
CREATE INDEX seminar_registration_queue ON seminar_registration(seminar_id, state, queued_at, id);
CREATE INDEX seminar_registration_actor ON seminar_registration(actor_id) WHERE actor_id IS NOT NULL;
--
-- seminar_attendance: how many registrations of an actor attended a seminar; kept when the
-- registrations are deleted. Rewritten from the registrations whenever attendance is marked.
CREATE TABLE seminar_attendance (
    seminar_id BIGINT NOT NULL REFERENCES seminar(id) ON DELETE CASCADE,
    actor_id BIGINT NOT NULL REFERENCES actor(id),
    n INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (seminar_id, actor_id)
);
CREATE INDEX seminar_attendance_actor ON seminar_attendance(actor_id);
