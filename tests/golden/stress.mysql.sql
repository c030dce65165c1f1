-- skema DDL for MySQL
-- model: stress "quoted" 'model'

CREATE TABLE `order` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `user id` INT NOT NULL COMMENT 'points forward to "user"',
  `select` VARCHAR(20) DEFAULT 'it''s',
  `group` ENUM('happy', 'it''s complicated', 'back\\slash', 'dq"uote') NOT NULL DEFAULT 'it''s complicated',
  `back\slash` LONGTEXT DEFAULT ('C:\\temp\\new ''quoted'' "double"') COMMENT 'a comment with a \\ backslash and ''quotes'''
) DEFAULT CHARSET=utf8mb4 COMMENT='Orders; the name is reserved everywhere.
A second line -- with dashes; DROP TABLE "user";';
CREATE UNIQUE INDEX `ix_order_user_select` ON `order` (`user id`, `select`);

CREATE TABLE `user` (
  `id` INT NOT NULL PRIMARY KEY,
  `name ``with`` backticks` VARCHAR(100) NOT NULL,
  `last order` INT,
  `café ☕` LONGTEXT COMMENT 'unicode naïve ✓',
  CONSTRAINT `uq_user_name ``with`` backticks` UNIQUE (`name ``with`` backticks`),
  CONSTRAINT `fk_user_last order` FOREIGN KEY (`last order`) REFERENCES `order` (`id`) ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT `ck_user_name ``with`` backticks_min_length` CHECK (CHAR_LENGTH(`name ``with`` backticks`) >= 1),
  CONSTRAINT `ck_user_name ``with`` backticks_max_length` CHECK (CHAR_LENGTH(`name ``with`` backticks`) <= 100)
) DEFAULT CHARSET=utf8mb4 COMMENT='Users, who point back at their last "order"';
CREATE INDEX `ix_user_café ☕` ON `user` (`café ☕`(255));

CREATE TABLE `group` (
  `id` BIGINT NOT NULL PRIMARY KEY,
  `small` SMALLINT DEFAULT -1,
  `flag` BOOLEAN NOT NULL DEFAULT TRUE,
  `ratio` FLOAT DEFAULT 1.5,
  `precise` DOUBLE DEFAULT -2.5e3,
  `money` DECIMAL(10,2) DEFAULT 12.50,
  `dec` DECIMAL(8,3),
  `num` DECIMAL(65,30),
  `whole` DECIMAL(5),
  `body` LONGTEXT DEFAULT (''),
  `label` VARCHAR(40) DEFAULT 'back\\slash ''single'' "double"',
  `code` CHAR(3) DEFAULT 'a"b',
  `day` DATE DEFAULT '2000-01-01',
  `clock` TIME DEFAULT '12:30:00',
  `moment` DATETIME DEFAULT '2000-01-01 00:00:00',
  `stamp` DATETIME,
  `stamptz` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  `bytes` LONGBLOB,
  `ident` CHAR(36) DEFAULT '00000000-0000-0000-0000-000000000000',
  `doc` JSON DEFAULT ('{"k": "it''s \\\\ ok"}'),
  `mood` ENUM('happy', 'it''s complicated', 'back\\slash', 'dq"uote') DEFAULT 'back\\slash',
  `nothing` INT DEFAULT NULL,
  `weird "col"` INT,
  CONSTRAINT `ck_group_small` CHECK (small <> 7),
  CONSTRAINT `ck_group_small_ge` CHECK (`small` >= -10),
  CONSTRAINT `ck_group_small_le` CHECK (`small` <= 10),
  CONSTRAINT `ck_group_ratio_gt` CHECK (`ratio` > 0),
  CONSTRAINT `ck_group_ratio_lt` CHECK (`ratio` < 100),
  CONSTRAINT `ck_group_label_min_length` CHECK (CHAR_LENGTH(`label`) >= 2),
  CONSTRAINT `ck_group_weird "col"_ge` CHECK (`weird "col"` >= 0),
  CONSTRAINT `it's "positive"` CHECK (small IS NULL OR small > -100)
) DEFAULT CHARSET=utf8mb4 COMMENT='Every logical type, with defaults where the engines allow them';

CREATE TABLE `line item` (
  `order id` INT NOT NULL,
  `line no` SMALLINT NOT NULL,
  `qty` INT NOT NULL DEFAULT 1,
  PRIMARY KEY (`order id`, `line no`),
  CONSTRAINT `fk_line item_order id` FOREIGN KEY (`order id`) REFERENCES `order` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ck_line item_line no_ge` CHECK (`line no` >= 1)
) DEFAULT CHARSET=utf8mb4 COMMENT='Composite primary key';

CREATE TABLE `shipment` (
  `id` INT NOT NULL PRIMARY KEY,
  `order id` INT NOT NULL,
  `line no` SMALLINT NOT NULL,
  `note` LONGTEXT,
  CONSTRAINT `uq_shipment_note` UNIQUE (`note`(255)),
  CONSTRAINT `uq_shipment_order id_line no` UNIQUE (`order id`, `line no`),
  CONSTRAINT `fk_shipment_order id_line no` FOREIGN KEY (`order id`, `line no`) REFERENCES `line item` (`order id`, `line no`) ON DELETE CASCADE,
  CONSTRAINT `fk shipment "named"` FOREIGN KEY (`order id`, `line no`) REFERENCES `line item` (`order id`, `line no`) ON DELETE RESTRICT
) DEFAULT CHARSET=utf8mb4 COMMENT='Composite foreign key to a composite primary key';
CREATE INDEX `ix_shipment_partial` ON `shipment` (`order id`);

CREATE TABLE `strict one` (
  `id` INT NOT NULL PRIMARY KEY,
  `flag` BOOLEAN,
  `amount` DECIMAL(10,2),
  `made` DATETIME,
  `payload` JSON,
  `data` LONGBLOB,
  `u` CHAR(36),
  `m` ENUM('happy', 'it''s complicated', 'back\\slash', 'dq"uote') DEFAULT 'happy'
) DEFAULT CHARSET=utf8mb4 COMMENT='SQLite options';

CREATE TABLE `no rowid` (
  `k` VARCHAR(10) NOT NULL PRIMARY KEY,
  `v` LONGTEXT
) DEFAULT CHARSET=utf8mb4;

-- Foreign keys to tables created after theirs
ALTER TABLE `order` ADD CONSTRAINT `fk_order_user id` FOREIGN KEY (`user id`) REFERENCES `user` (`id`) ON DELETE CASCADE;
