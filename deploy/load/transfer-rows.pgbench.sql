-- transfer.pgbench.sql on the first :rows accounts only (pgbench -D rows=N): the anchor for PaySim transfers among N
-- accounts (the hot-account load). Source and target always differ, as in PaySim. The two rows are updated in the
-- order of their ids, as any application moving money between hot rows must: in the order source, target, two
-- clients moving money in opposite directions wait on each other, and with 2 rows nearly every transaction ended in
-- PostgreSQL's deadlock detector (1.5 transactions/s, 2026-12-06), an anchor nobody would run.
\set source random(1, :rows)
\set target 1 + :source % :rows
\set amount random(1, 500)
\set first least(:source, :target)
\set second greatest(:source, :target)
\set delta case when :source = :first then -:amount else :amount end
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :first;
UPDATE pgbench_accounts SET abalance = abalance - :delta WHERE aid = :second;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (0, 0, :source, :amount, CURRENT_TIMESTAMP);
END;
