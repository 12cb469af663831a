-- The audit log: one row per finished admin action or change to a customer, written by the
-- server after the call (the outcome known), never updated or deleted through the API.
-- call_time is int64 microseconds since the Unix epoch; status_code the canonical code.
CREATE TABLE audit_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- The name of the token in the tokens file; empty when authentication is disabled.
  token_name TEXT NOT NULL,
  -- "/cxhub.v1.CustomerService/MergeCustomers".
  method TEXT NOT NULL,
  -- The resource the request named ("customers/42"), or empty.
  resource TEXT NOT NULL,
  call_time INTEGER NOT NULL,
  status_code INTEGER NOT NULL
);
