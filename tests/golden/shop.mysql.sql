-- skema DDL for MySQL
-- model: shop

CREATE TABLE `customers` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `email` VARCHAR(255) NOT NULL,
  `full_name` VARCHAR(120) NOT NULL,
  `is_active` BOOLEAN NOT NULL DEFAULT TRUE,
  `loyalty_points` INT NOT NULL DEFAULT 0,
  `notes` LONGTEXT DEFAULT NULL,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT `uq_customers_email` UNIQUE (`email`),
  CONSTRAINT `ck_customers_email_min_length` CHECK (CHAR_LENGTH(`email`) >= 3),
  CONSTRAINT `ck_customers_email_max_length` CHECK (CHAR_LENGTH(`email`) <= 255),
  CONSTRAINT `ck_customers_full_name_min_length` CHECK (CHAR_LENGTH(`full_name`) >= 1),
  CONSTRAINT `ck_customers_loyalty_points_ge` CHECK (`loyalty_points` >= 0)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE `addresses` (
  `customer_id` INT NOT NULL,
  `address_no` SMALLINT NOT NULL,
  `street` VARCHAR(200) NOT NULL,
  `city` VARCHAR(100) NOT NULL,
  `postal_code` VARCHAR(16) NOT NULL,
  `country` CHAR(2) NOT NULL DEFAULT 'NO' COMMENT 'ISO 3166-1 alpha-2',
  PRIMARY KEY (`customer_id`, `address_no`),
  CONSTRAINT `fk_addresses_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE CASCADE,
  CONSTRAINT `ck_addresses_address_no_ge` CHECK (`address_no` >= 1),
  CONSTRAINT `ck_addresses_postal_code_max_length` CHECK (CHAR_LENGTH(`postal_code`) <= 16),
  CONSTRAINT `ck_addresses_country_min_length` CHECK (CHAR_LENGTH(`country`) >= 2),
  CONSTRAINT `ck_addresses_country_max_length` CHECK (CHAR_LENGTH(`country`) <= 2)
) DEFAULT CHARSET=utf8mb4 COMMENT='A customer''s addresses, numbered per customer';

CREATE TABLE `orders` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `customer_id` INT NOT NULL,
  `shipping_address_no` SMALLINT,
  `status` ENUM('cart', 'placed', 'paid', 'shipped', 'cancelled') NOT NULL DEFAULT 'cart',
  `currency` CHAR(3) NOT NULL DEFAULT 'EUR',
  `placed_at` TIMESTAMP,
  CONSTRAINT `fk_orders_customer_id` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `fk_orders_shipping_address` FOREIGN KEY (`customer_id`, `shipping_address_no`) REFERENCES `addresses` (`customer_id`, `address_no`) ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT `ck_orders_currency_min_length` CHECK (CHAR_LENGTH(`currency`) >= 3),
  CONSTRAINT `ck_orders_currency_max_length` CHECK (CHAR_LENGTH(`currency`) <= 3),
  CONSTRAINT `placed_has_date` CHECK (status = 'cart' OR placed_at IS NOT NULL)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX `ix_orders_customer` ON `orders` (`customer_id`, `placed_at`);
CREATE INDEX `ix_orders_placed` ON `orders` (`placed_at`);

CREATE TABLE `categories` (
  `id` INT NOT NULL PRIMARY KEY,
  `parent_id` INT,
  `slug` VARCHAR(80) NOT NULL,
  `title` VARCHAR(120) NOT NULL,
  CONSTRAINT `uq_categories_slug` UNIQUE (`slug`),
  CONSTRAINT `fk_categories_parent_id` FOREIGN KEY (`parent_id`) REFERENCES `categories` (`id`) ON DELETE SET NULL
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE `products` (
  `id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  `sku` VARCHAR(32) NOT NULL,
  `title` VARCHAR(200) NOT NULL,
  `description` LONGTEXT,
  `unit_price` DECIMAL(10,2) NOT NULL,
  `weight_kg` DOUBLE,
  `stock` INT NOT NULL DEFAULT 0,
  `discount` FLOAT NOT NULL DEFAULT 0.0,
  `is_active` BOOLEAN NOT NULL DEFAULT FALSE,
  `created_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT `uq_products_sku` UNIQUE (`sku`),
  CONSTRAINT `ck_products_sku_min_length` CHECK (CHAR_LENGTH(`sku`) >= 4),
  CONSTRAINT `ck_products_sku_max_length` CHECK (CHAR_LENGTH(`sku`) <= 32),
  CONSTRAINT `ck_products_unit_price_gt` CHECK (`unit_price` > 0),
  CONSTRAINT `ck_products_weight_kg_ge` CHECK (`weight_kg` >= 0),
  CONSTRAINT `ck_products_weight_kg_lt` CHECK (`weight_kg` < 1000),
  CONSTRAINT `ck_products_stock_ge` CHECK (`stock` >= 0),
  CONSTRAINT `ck_products_discount_ge` CHECK (`discount` >= 0),
  CONSTRAINT `ck_products_discount_le` CHECK (`discount` <= 0.9)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX `ix_products_title` ON `products` (`title`);
CREATE INDEX `ix_products_in_stock` ON `products` (`stock`);

CREATE TABLE `product_categories` (
  `product_id` INT NOT NULL,
  `category_id` INT NOT NULL,
  PRIMARY KEY (`product_id`, `category_id`),
  CONSTRAINT `fk_product_categories_product_id` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_product_categories_category_id` FOREIGN KEY (`category_id`) REFERENCES `categories` (`id`) ON DELETE CASCADE
) DEFAULT CHARSET=utf8mb4 COMMENT='The link table of products and categories';
CREATE INDEX `ix_product_categories_category` ON `product_categories` (`category_id`);

CREATE TABLE `order_items` (
  `order_id` INT NOT NULL,
  `line_no` SMALLINT NOT NULL,
  `product_id` INT NOT NULL,
  `quantity` INT NOT NULL DEFAULT 1,
  `unit_price` DECIMAL(10,2) NOT NULL,
  PRIMARY KEY (`order_id`, `line_no`),
  CONSTRAINT `uq_order_items_order_id_product_id` UNIQUE (`order_id`, `product_id`),
  CONSTRAINT `fk_order_items_order_id` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_order_items_product_id` FOREIGN KEY (`product_id`) REFERENCES `products` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `ck_order_items_line_no_ge` CHECK (`line_no` >= 1),
  CONSTRAINT `ck_order_items_quantity_le` CHECK (`quantity` <= 999),
  CONSTRAINT `ck_order_items_quantity_gt` CHECK (`quantity` > 0),
  CONSTRAINT `ck_order_items_unit_price_ge` CHECK (`unit_price` >= 0),
  CONSTRAINT `sensible_price` CHECK (unit_price < 100000)
) DEFAULT CHARSET=utf8mb4;

CREATE TABLE `payments` (
  `id` CHAR(36) NOT NULL PRIMARY KEY,
  `order_id` INT NOT NULL,
  `method` ENUM('card', 'transfer', 'voucher') NOT NULL DEFAULT 'card',
  `amount` DECIMAL(10,2) NOT NULL,
  `reference` VARCHAR(64),
  `paid_at` TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT `uq_payments_reference` UNIQUE (`reference`),
  CONSTRAINT `fk_payments_order_id` FOREIGN KEY (`order_id`) REFERENCES `orders` (`id`) ON DELETE RESTRICT,
  CONSTRAINT `ck_payments_amount_gt` CHECK (`amount` > 0)
) DEFAULT CHARSET=utf8mb4;
CREATE INDEX `ix_payments_order_id` ON `payments` (`order_id`);

CREATE VIEW `order_totals` AS
SELECT o.id AS order_id, o.customer_id,
       SUM(i.quantity * i.unit_price) AS total
FROM orders o
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, o.customer_id;

-- trigger `products_stock_on_item` is not created: trigger bodies are dialect-specific; adapt it for MySQL
-- CREATE TRIGGER products_stock_on_item AFTER INSERT ON order_items
-- BEGIN
--   UPDATE products SET stock = stock - NEW.quantity WHERE id = NEW.product_id;
-- END
