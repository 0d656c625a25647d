-- The same money movement as a PaySim transfer, in plain SQL, for pgbench: debit one random account,
-- credit another, record a ledger line, one commit. (No overdraft check: pgbench cannot refuse a transaction.)
\set source random(1, 100000 * :scale)
\set target random(1, 100000 * :scale)
\set amount random(1, 500)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance - :amount WHERE aid = :source;
UPDATE pgbench_accounts SET abalance = abalance + :amount WHERE aid = :target;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (0, 0, :source, :amount, CURRENT_TIMESTAMP);
END;
