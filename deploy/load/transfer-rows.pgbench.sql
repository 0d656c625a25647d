-- transfer.pgbench.sql on the first :rows accounts only (pgbench -D rows=N): the anchor for PaySim transfers among N
-- accounts (the hot-account load). Source and target always differ, as in PaySim.
\set source random(1, :rows)
\set target 1 + :source % :rows
\set amount random(1, 500)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance - :amount WHERE aid = :source;
UPDATE pgbench_accounts SET abalance = abalance + :amount WHERE aid = :target;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (0, 0, :source, :amount, CURRENT_TIMESTAMP);
END;
