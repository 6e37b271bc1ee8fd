-- Shared building blocks of the schema.

-- Emails compare case-insensitively everywhere (login, registration, contacts).
CREATE EXTENSION IF NOT EXISTS citext;

-- Money is exact: 38 digits, 18 of them after the point, enough for crypto amounts (USDT has 6, ETH 18).
CREATE DOMAIN money_amount AS numeric(38, 18);
