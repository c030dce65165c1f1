-- skema DDL for SQLite
-- model: heroes

CREATE TABLE "team" ( -- Groups of heroes
  "id" INTEGER NOT NULL PRIMARY KEY,
  "name" VARCHAR(100) NOT NULL,
  "headquarters" TEXT
);
CREATE INDEX "ix_team_name" ON "team" ("name");

CREATE TABLE "hero" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "name" VARCHAR(100) NOT NULL,
  "secret_name" TEXT NOT NULL,
  "age" INTEGER,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "alignment" TEXT NOT NULL DEFAULT 'hero',
  "team_id" INTEGER,
  CONSTRAINT "fk_hero_team_id" FOREIGN KEY ("team_id") REFERENCES "team" ("id") ON DELETE SET NULL,
  CONSTRAINT "ck_hero_age_ge" CHECK ("age" >= 0),
  CONSTRAINT "ck_hero_age_le" CHECK ("age" <= 150),
  CONSTRAINT "ck_hero_alignment_enum" CHECK ("alignment" IN ('hero', 'villain', 'neutral')),
  CONSTRAINT "name_not_blank" CHECK (length(trim(name)) > 0)
);
CREATE INDEX "ix_hero_name" ON "hero" ("name");
CREATE UNIQUE INDEX "ix_hero_name_age" ON "hero" ("name", "age");

CREATE TABLE "power" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "name" TEXT NOT NULL,
  CONSTRAINT "uq_power_name" UNIQUE ("name")
);

CREATE TABLE "hero_power" (
  "hero_id" INTEGER NOT NULL,
  "power_id" INTEGER NOT NULL,
  PRIMARY KEY ("hero_id", "power_id"),
  CONSTRAINT "fk_hero_power_hero_id" FOREIGN KEY ("hero_id") REFERENCES "hero" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_hero_power_power_id" FOREIGN KEY ("power_id") REFERENCES "power" ("id") ON DELETE CASCADE
);
