-- skema DDL for SQLite
-- model: blog

CREATE TABLE "users" ( -- People who write posts and comments
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" VARCHAR(255) NOT NULL,
  "display_name" VARCHAR(100) NOT NULL,
  "bio" TEXT,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "uq_users_email" UNIQUE ("email"),
  CONSTRAINT "ck_users_email_max_length" CHECK (length("email") <= 255),
  CONSTRAINT "ck_users_display_name_min_length" CHECK (length("display_name") >= 1),
  CONSTRAINT "ck_users_display_name_max_length" CHECK (length("display_name") <= 100),
  CONSTRAINT "email_has_at" CHECK (email LIKE '%_@_%')
);

CREATE TABLE "posts" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "author_id" INTEGER NOT NULL,
  "title" VARCHAR(200) NOT NULL,
  -- Lower-case words joined by dashes
  "slug" VARCHAR(200) NOT NULL,
  "body" TEXT NOT NULL DEFAULT '',
  "status" TEXT NOT NULL DEFAULT 'draft',
  "published_at" DATETIME,
  CONSTRAINT "uq_posts_slug" UNIQUE ("slug"),
  CONSTRAINT "fk_posts_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_posts_title_min_length" CHECK (length("title") >= 1),
  CONSTRAINT "ck_posts_status_enum" CHECK ("status" IN ('draft', 'published', 'archived')),
  CONSTRAINT "published_has_date" CHECK (status <> 'published' OR published_at IS NOT NULL)
);
CREATE INDEX "ix_posts_author_id" ON "posts" ("author_id");
CREATE INDEX "ix_posts_status_published" ON "posts" ("status", "published_at");

CREATE TABLE "comments" ( -- Replies to a post; a reply to a comment names its parent
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "post_id" INTEGER NOT NULL,
  "author_id" INTEGER,
  "parent_id" INTEGER,
  "body" TEXT NOT NULL,
  "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "fk_comments_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_comments_author_id" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE SET NULL,
  CONSTRAINT "fk_comments_parent_id" FOREIGN KEY ("parent_id") REFERENCES "comments" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_comments_body_min_length" CHECK (length("body") >= 1)
);
CREATE INDEX "ix_comments_post_created" ON "comments" ("post_id", "created_at");
CREATE INDEX "ix_comments_author" ON "comments" ("author_id");

CREATE TABLE "tags" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "name" VARCHAR(50) NOT NULL,
  CONSTRAINT "uq_tags_name" UNIQUE ("name")
);

CREATE TABLE "post_tags" ( -- The link table of posts and tags
  "post_id" INTEGER NOT NULL,
  "tag_id" INTEGER NOT NULL,
  PRIMARY KEY ("post_id", "tag_id"),
  CONSTRAINT "fk_post_tags_post_id" FOREIGN KEY ("post_id") REFERENCES "posts" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_post_tags_tag_id" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_post_tags_tag" ON "post_tags" ("tag_id");

CREATE VIEW "published_posts" AS
SELECT p.id, p.title, p.published_at, u.display_name AS author
FROM posts p
JOIN users u ON u.id = p.author_id
WHERE p.status = 'published';
