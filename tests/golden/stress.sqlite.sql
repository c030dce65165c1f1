-- skema DDL for SQLite
-- model: stress "quoted" 'model'

CREATE TABLE "order" ( -- Orders; the name is reserved everywhere.
  -- A second line -- with dashes; DROP TABLE "user";
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  -- points forward to "user"
  "user id" INTEGER NOT NULL,
  "select" VARCHAR(20) DEFAULT 'it''s',
  "group" TEXT NOT NULL DEFAULT 'it''s complicated',
  -- a comment with a \ backslash and 'quotes'
  "back\slash" TEXT DEFAULT 'C:\temp\new ''quoted'' "double"',
  CONSTRAINT "fk_order_user id" FOREIGN KEY ("user id") REFERENCES "user" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_order_group_enum" CHECK ("group" IN ('happy', 'it''s complicated', 'back\slash', 'dq"uote'))
);
CREATE UNIQUE INDEX "ix_order_user_select" ON "order" ("user id", "select");

CREATE TABLE "user" ( -- Users, who point back at their last "order"
  "id" INTEGER NOT NULL PRIMARY KEY,
  "name `with` backticks" VARCHAR(100) NOT NULL,
  "last order" INTEGER,
  -- unicode naïve ✓
  "café ☕" TEXT,
  CONSTRAINT "uq_user_name `with` backticks" UNIQUE ("name `with` backticks"),
  CONSTRAINT "fk_user_last order" FOREIGN KEY ("last order") REFERENCES "order" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT "ck_user_name `with` backticks_min_length" CHECK (length("name `with` backticks") >= 1),
  CONSTRAINT "ck_user_name `with` backticks_max_length" CHECK (length("name `with` backticks") <= 100)
);
CREATE INDEX "ix_user_café ☕" ON "user" ("café ☕");

CREATE TABLE "group" ( -- Every logical type, with defaults where the engines allow them
  "id" BIGINT NOT NULL PRIMARY KEY,
  "small" SMALLINT DEFAULT -1,
  "flag" BOOLEAN NOT NULL DEFAULT TRUE,
  "ratio" REAL DEFAULT 1.5,
  "precise" DOUBLE DEFAULT -2.5e3,
  "money" NUMERIC(10,2) DEFAULT 12.50,
  "dec" DECIMAL(8,3),
  "num" NUMERIC,
  "whole" NUMERIC(5),
  "body" TEXT DEFAULT '',
  "label" VARCHAR(40) DEFAULT 'back\slash ''single'' "double"',
  "code" CHAR(3) DEFAULT 'a"b',
  "day" DATE DEFAULT '2000-01-01',
  "clock" TIME DEFAULT '12:30:00',
  "moment" DATETIME DEFAULT '2000-01-01 00:00:00',
  "stamp" TIMESTAMP,
  "stamptz" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "bytes" BLOB,
  "ident" UUID DEFAULT '00000000-0000-0000-0000-000000000000',
  "doc" JSON DEFAULT '{"k": "it''s \\ ok"}',
  "mood" TEXT DEFAULT 'back\slash',
  "nothing" INTEGER DEFAULT NULL,
  "weird ""col""" INTEGER,
  CONSTRAINT "ck_group_small" CHECK (small <> 7),
  CONSTRAINT "ck_group_small_ge" CHECK ("small" >= -10),
  CONSTRAINT "ck_group_small_le" CHECK ("small" <= 10),
  CONSTRAINT "ck_group_ratio_gt" CHECK ("ratio" > 0),
  CONSTRAINT "ck_group_ratio_lt" CHECK ("ratio" < 100),
  CONSTRAINT "ck_group_label_min_length" CHECK (length("label") >= 2),
  CONSTRAINT "ck_group_mood_enum" CHECK ("mood" IN ('happy', 'it''s complicated', 'back\slash', 'dq"uote')),
  CONSTRAINT "ck_group_weird ""col""_ge" CHECK ("weird ""col""" >= 0),
  CONSTRAINT "it's ""positive""" CHECK (small IS NULL OR small > -100)
);

CREATE TABLE "line item" ( -- Composite primary key
  "order id" INTEGER NOT NULL,
  "line no" SMALLINT NOT NULL,
  "qty" INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY ("order id", "line no"),
  CONSTRAINT "fk_line item_order id" FOREIGN KEY ("order id") REFERENCES "order" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_line item_line no_ge" CHECK ("line no" >= 1)
);

CREATE TABLE "shipment" ( -- Composite foreign key to a composite primary key
  "id" INTEGER NOT NULL PRIMARY KEY,
  "order id" INTEGER NOT NULL,
  "line no" SMALLINT NOT NULL,
  "note" TEXT,
  CONSTRAINT "uq_shipment_note" UNIQUE ("note"),
  CONSTRAINT "uq_shipment_order id_line no" UNIQUE ("order id", "line no"),
  CONSTRAINT "fk_shipment_order id_line no" FOREIGN KEY ("order id", "line no") REFERENCES "line item" ("order id", "line no") ON DELETE CASCADE,
  CONSTRAINT "fk shipment ""named""" FOREIGN KEY ("order id", "line no") REFERENCES "line item" ("order id", "line no") ON DELETE RESTRICT
);
CREATE INDEX "ix_shipment_partial" ON "shipment" ("order id") WHERE note IS NOT NULL;

CREATE TABLE "strict one" ( -- SQLite options
  "id" INTEGER NOT NULL PRIMARY KEY,
  "flag" INTEGER,
  "amount" ANY,
  "made" TEXT,
  "payload" TEXT,
  "data" BLOB,
  "u" TEXT,
  "m" TEXT DEFAULT 'happy',
  CONSTRAINT "ck_strict one_m_enum" CHECK ("m" IN ('happy', 'it''s complicated', 'back\slash', 'dq"uote'))
) STRICT;

CREATE TABLE "no rowid" (
  "k" VARCHAR(10) NOT NULL PRIMARY KEY,
  "v" TEXT
) WITHOUT ROWID;
