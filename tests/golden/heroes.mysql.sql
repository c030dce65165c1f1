-- skema DDL for MySQL
-- model: heroes

CREATE TABLE `team` (
  `id` INT NOT NULL PRIMARY KEY,
  `name` VARCHAR(100) NOT NULL,
  `headquarters` LONGTEXT
) DEFAULT CHARSET=utf8mb4 COMMENT='Groups of heroes';
CREATE INDEX `ix_team_name` ON `team` (`name`);

CREATE TABLE `hero` (
  `id` INT NOT NULL PRIMARY KEY,
  `name` VARCHAR(100) NOT NULL,
  `secret_name` LONGTEXT NOT NULL,
  `age` INT,
  `created_at` DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `alignment` ENUM('hero', 'villain', 'neutral') NOT NULL DEFAULT 'hero',
  `team_id` INT,
  CONSTRAINT `fk_hero_team_id` FOREIGN KEY (`team_id`) REFERENCES `team` (`id`) ON DELETE SET NULL,
  CONSTRAINT `ck_hero_age_ge` CHECK (`age` >= 0),
  CONSTRAINT `ck_hero_age_le` CHECK (`age` <= 150),
  CONSTRAINT `name_not_blank` CHECK (length(trim(name)) > 0)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX `ix_hero_name` ON `hero` (`name`);
CREATE UNIQUE INDEX `ix_hero_name_age` ON `hero` (`name`, `age`);

CREATE TABLE `power` (
  `id` INT NOT NULL PRIMARY KEY,
  `name` LONGTEXT NOT NULL,
  CONSTRAINT `uq_power_name` UNIQUE (`name`(255))
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE `hero_power` (
  `hero_id` INT NOT NULL,
  `power_id` INT NOT NULL,
  PRIMARY KEY (`hero_id`, `power_id`),
  CONSTRAINT `fk_hero_power_hero_id` FOREIGN KEY (`hero_id`) REFERENCES `hero` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_hero_power_power_id` FOREIGN KEY (`power_id`) REFERENCES `power` (`id`) ON DELETE CASCADE
) DEFAULT CHARSET=utf8mb4;
