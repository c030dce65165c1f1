-- A schema whose statement on line 40 is broken: skema import must say
-- FILE:40:1: error: <SQLite's message>.  The statements before it hide
-- semicolons and line breaks in strings, quoted names and comments.

CREATE TABLE "semi;colon" (
  id INTEGER PRIMARY KEY,
  note TEXT DEFAULT 'a;b
c;d',   -- a default spanning two lines; with ; inside
  [odd;name] TEXT /* ; */
);

/* a block comment;
   CREATE TABLE never (x);
*/

CREATE TABLE team (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);

















-- the broken statement follows,
-- after these comments

CREATE TABLE hero (
  id INTEGER PRIMARY KEY,
  team_id INTEGER REFERENCES team(id)
  name TEXT
);

CREATE TABLE later (x);
