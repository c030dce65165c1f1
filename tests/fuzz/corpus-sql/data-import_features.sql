-- Every key skema import reads back from SQLite, for tests/check-import.sh:
-- import -> ddl -> import must be a fixpoint, and the database rebuilt
-- from the DDL must equal this one by PRAGMA and CHECK text.

CREATE TABLE skema_migrations (id INTEGER PRIMARY KEY, applied_at TEXT, checksum TEXT, sql TEXT);

CREATE TABLE team ( -- Groups of heroes
  -- the team's key
  id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  name VARCHAR(100) NOT NULL UNIQUE, -- shown in lists
  motto TEXT DEFAULT 'it''s us',
  founded DATE DEFAULT (date('now')),
  budget NUMERIC(12,2) DEFAULT -1.50,
  active BOOLEAN NOT NULL DEFAULT TRUE,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "head count" SMALLINT DEFAULT 0 CHECK ("head count" >= 0),
  CONSTRAINT "ck_team_name_min_length" CHECK (length("name") >= 2),
  CONSTRAINT "ck_team_name_max_length" CHECK (length("name") <= 80)
);

CREATE TABLE hero (
  id INTEGER PRIMARY KEY,
  name NVARCHAR(160) NOT NULL,
  age INTEGER,
  alignment TEXT NOT NULL DEFAULT 'hero',
  score REAL DEFAULT 0.5,
  team_id INTEGER REFERENCES team (id) ON DELETE SET NULL ON UPDATE CASCADE,
  data BLOB DEFAULT X'00ff',
  mentor INTEGER REFERENCES hero,
  CONSTRAINT "ck_hero_age_ge" CHECK ("age" >= 0),
  CONSTRAINT "ck_hero_age_lt" CHECK ("age" < 150),
  CONSTRAINT "ck_hero_alignment_enum" CHECK ("alignment" IN ('hero', 'villain', 'it''s complicated')),
  CONSTRAINT name_not_blank CHECK (length(trim(name)) > 0),
  CHECK (score BETWEEN 0 AND 1),
  CHECK (age IS NULL OR age < 1000)
);
CREATE INDEX "ix_hero_name" ON hero ("name");
CREATE UNIQUE INDEX hero_team_name ON hero (team_id, name) WHERE team_id IS NOT NULL;
CREATE INDEX hero_age_name ON hero (age, name);

CREATE TABLE power (
  code TEXT NOT NULL,
  version INTEGER NOT NULL,
  label TEXT,
  PRIMARY KEY (version, code),
  UNIQUE (label, version)
) WITHOUT ROWID;

CREATE TABLE hero_power (
  hero_id INTEGER NOT NULL REFERENCES hero (id) ON DELETE CASCADE,
  power_code TEXT NOT NULL,
  power_version INTEGER NOT NULL,
  level INTEGER DEFAULT 1,
  PRIMARY KEY (hero_id, power_code, power_version),
  CONSTRAINT hero_power_power FOREIGN KEY (power_version, power_code)
    REFERENCES power (version, code) ON DELETE RESTRICT
);

CREATE TABLE log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  amount REAL,
  payload ANY
) STRICT;

CREATE TABLE sidekick (
  hero_id INTEGER NOT NULL REFERENCES hero (id),
  friend_id INTEGER NOT NULL REFERENCES hero (id),
  since DATE,
  PRIMARY KEY (hero_id, friend_id)
);

CREATE VIEW hero_names AS
SELECT h.name, t.name AS team
FROM hero AS h LEFT JOIN team AS t ON t.id = h.team_id;

CREATE TRIGGER hero_touch AFTER UPDATE ON hero
BEGIN
  UPDATE team SET motto = motto WHERE id = new.team_id;
END;
