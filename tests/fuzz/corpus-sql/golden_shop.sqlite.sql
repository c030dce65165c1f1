-- skema DDL for SQLite
-- model: shop

CREATE TABLE "customers" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" VARCHAR(255) NOT NULL,
  "full_name" VARCHAR(120) NOT NULL,
  "is_active" BOOLEAN NOT NULL DEFAULT TRUE,
  "loyalty_points" INTEGER NOT NULL DEFAULT 0,
  "notes" TEXT DEFAULT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "uq_customers_email" UNIQUE ("email"),
  CONSTRAINT "ck_customers_email_min_length" CHECK (length("email") >= 3),
  CONSTRAINT "ck_customers_email_max_length" CHECK (length("email") <= 255),
  CONSTRAINT "ck_customers_full_name_min_length" CHECK (length("full_name") >= 1),
  CONSTRAINT "ck_customers_loyalty_points_ge" CHECK ("loyalty_points" >= 0)
);

CREATE TABLE "addresses" ( -- A customer's addresses, numbered per customer
  "customer_id" INTEGER NOT NULL,
  "address_no" SMALLINT NOT NULL,
  "street" VARCHAR(200) NOT NULL,
  "city" VARCHAR(100) NOT NULL,
  "postal_code" VARCHAR(16) NOT NULL,
  -- ISO 3166-1 alpha-2
  "country" CHAR(2) NOT NULL DEFAULT 'NO',
  PRIMARY KEY ("customer_id", "address_no"),
  CONSTRAINT "fk_addresses_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE CASCADE,
  CONSTRAINT "ck_addresses_address_no_ge" CHECK ("address_no" >= 1),
  CONSTRAINT "ck_addresses_postal_code_max_length" CHECK (length("postal_code") <= 16),
  CONSTRAINT "ck_addresses_country_min_length" CHECK (length("country") >= 2),
  CONSTRAINT "ck_addresses_country_max_length" CHECK (length("country") <= 2)
);

CREATE TABLE "orders" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "customer_id" INTEGER NOT NULL,
  "shipping_address_no" SMALLINT,
  "status" TEXT NOT NULL DEFAULT 'cart',
  "currency" CHAR(3) NOT NULL DEFAULT 'EUR',
  "placed_at" TIMESTAMPTZ,
  CONSTRAINT "fk_orders_customer_id" FOREIGN KEY ("customer_id") REFERENCES "customers" ("id") ON DELETE RESTRICT,
  CONSTRAINT "fk_orders_shipping_address" FOREIGN KEY ("customer_id", "shipping_address_no") REFERENCES "addresses" ("customer_id", "address_no") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "ck_orders_status_enum" CHECK ("status" IN ('cart', 'placed', 'paid', 'shipped', 'cancelled')),
  CONSTRAINT "ck_orders_currency_min_length" CHECK (length("currency") >= 3),
  CONSTRAINT "ck_orders_currency_max_length" CHECK (length("currency") <= 3),
  CONSTRAINT "placed_has_date" CHECK (status = 'cart' OR placed_at IS NOT NULL)
);
CREATE INDEX "ix_orders_customer" ON "orders" ("customer_id", "placed_at");
CREATE INDEX "ix_orders_placed" ON "orders" ("placed_at") WHERE status = 'placed';

CREATE TABLE "categories" (
  "id" INTEGER NOT NULL PRIMARY KEY,
  "parent_id" INTEGER,
  "slug" VARCHAR(80) NOT NULL,
  "title" VARCHAR(120) NOT NULL,
  CONSTRAINT "uq_categories_slug" UNIQUE ("slug"),
  CONSTRAINT "fk_categories_parent_id" FOREIGN KEY ("parent_id") REFERENCES "categories" ("id") ON DELETE SET NULL
);

CREATE TABLE "products" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "sku" VARCHAR(32) NOT NULL,
  "title" VARCHAR(200) NOT NULL,
  "description" TEXT,
  "unit_price" NUMERIC(10,2) NOT NULL,
  "weight_kg" DOUBLE,
  "stock" INTEGER NOT NULL DEFAULT 0,
  "discount" REAL NOT NULL DEFAULT 0.0,
  "is_active" BOOLEAN NOT NULL DEFAULT FALSE,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "uq_products_sku" UNIQUE ("sku"),
  CONSTRAINT "ck_products_sku_min_length" CHECK (length("sku") >= 4),
  CONSTRAINT "ck_products_sku_max_length" CHECK (length("sku") <= 32),
  CONSTRAINT "ck_products_unit_price_gt" CHECK ("unit_price" > 0),
  CONSTRAINT "ck_products_weight_kg_ge" CHECK ("weight_kg" >= 0),
  CONSTRAINT "ck_products_weight_kg_lt" CHECK ("weight_kg" < 1000),
  CONSTRAINT "ck_products_stock_ge" CHECK ("stock" >= 0),
  CONSTRAINT "ck_products_discount_ge" CHECK ("discount" >= 0),
  CONSTRAINT "ck_products_discount_le" CHECK ("discount" <= 0.9)
);
CREATE INDEX "ix_products_title" ON "products" ("title");
CREATE INDEX "ix_products_in_stock" ON "products" ("stock") WHERE stock > 0 AND is_active;

CREATE TABLE "product_categories" ( -- The link table of products and categories
  "product_id" INTEGER NOT NULL,
  "category_id" INTEGER NOT NULL,
  PRIMARY KEY ("product_id", "category_id"),
  CONSTRAINT "fk_product_categories_product_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_product_categories_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE CASCADE
);
CREATE INDEX "ix_product_categories_category" ON "product_categories" ("category_id");

CREATE TABLE "order_items" (
  "order_id" INTEGER NOT NULL,
  "line_no" SMALLINT NOT NULL,
  "product_id" INTEGER NOT NULL,
  "quantity" INTEGER NOT NULL DEFAULT 1,
  "unit_price" NUMERIC(10,2) NOT NULL,
  PRIMARY KEY ("order_id", "line_no"),
  CONSTRAINT "uq_order_items_order_id_product_id" UNIQUE ("order_id", "product_id"),
  CONSTRAINT "fk_order_items_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE CASCADE,
  CONSTRAINT "fk_order_items_product_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE RESTRICT,
  CONSTRAINT "ck_order_items_line_no_ge" CHECK ("line_no" >= 1),
  CONSTRAINT "ck_order_items_quantity_le" CHECK ("quantity" <= 999),
  CONSTRAINT "ck_order_items_quantity_gt" CHECK ("quantity" > 0),
  CONSTRAINT "ck_order_items_unit_price_ge" CHECK ("unit_price" >= 0),
  CONSTRAINT "sensible_price" CHECK (unit_price < 100000)
);

CREATE TABLE "payments" (
  "id" UUID NOT NULL PRIMARY KEY,
  "order_id" INTEGER NOT NULL,
  "method" TEXT NOT NULL DEFAULT 'card',
  "amount" NUMERIC(10,2) NOT NULL,
  "reference" VARCHAR(64),
  "paid_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "uq_payments_reference" UNIQUE ("reference"),
  CONSTRAINT "fk_payments_order_id" FOREIGN KEY ("order_id") REFERENCES "orders" ("id") ON DELETE RESTRICT,
  CONSTRAINT "ck_payments_method_enum" CHECK ("method" IN ('card', 'transfer', 'voucher')),
  CONSTRAINT "ck_payments_amount_gt" CHECK ("amount" > 0)
);
CREATE INDEX "ix_payments_order_id" ON "payments" ("order_id");

CREATE VIEW "order_totals" AS
SELECT o.id AS order_id, o.customer_id,
       SUM(i.quantity * i.unit_price) AS total
FROM orders o
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, o.customer_id;

CREATE TRIGGER products_stock_on_item AFTER INSERT ON order_items
BEGIN
  UPDATE products SET stock = stock - NEW.quantity WHERE id = NEW.product_id;
END;
