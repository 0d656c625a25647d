-- wrk scenario for PaySim: random transfers (主动转账) and trades (发起交易 then 支付交易) among a fixed set
-- of accounts. Counts outcomes per method; any HTTP status other than 200 is an error the run must report.
-- Arguments (after --): account prefix, account count, password, mix, connections per thread, and a tag that keeps
-- trade ids apart when several wrk runs share the accounts (load.sh with several --url). Mixes: "mixed" (half
-- transfers, half trades among random accounts), "transfers", "merchant" (trades only, all paying account 1).
-- A trade is paid only after 2 x (connections per thread) later requests of its thread, so its creation, sent on
-- another connection of the same thread, has been answered by then.

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function init(args)
  prefix = args[1] or "load"
  account_count = tonumber(args[2] or "8")
  password = args[3] or "123456"
  mix = args[4] or "mixed"
  pay_lag = 2 * tonumber(args[5] or "32")
  tag = args[6] or ""
  sequence = 0
  trades = {}
  trades_first, trades_last = 1, 0
  ok, refused, errors, moved = 0, 0, 0, 0
  math.randomseed(thread_id * 7919 + os.time())
end

local function account(i) return prefix .. "-" .. i end

local function pick_pair()
  local a = math.random(account_count)
  local b = math.random(account_count - 1)
  if b >= a then b = b + 1 end
  return account(a), account(b)
end

local function post(body)
  return wrk.format("POST", "/PaySim", { ["Content-Type"] = "application/json" }, body)
end

function request()
  sequence = sequence + 1
  if trades_last - trades_first + 1 > pay_lag then
    local trade = trades[trades_first]
    trades[trades_first] = nil
    trades_first = trades_first + 1
    return post(string.format('{"method":"支付交易","tradeID":"%s","username":"%s","password":"%s"}',
      trade.id, trade.source, password))
  end
  local source, target = pick_pair()
  if mix == "merchant" then
    -- Every payment goes to one merchant account: the hot-account case of a merchant load test.
    source, target = account(math.random(2, account_count)), account(1)
  end
  local sum = math.random(1, 500)
  if mix == "transfers" or (mix == "mixed" and math.random() < 0.5) then
    return post(string.format('{"method":"主动转账","source":"%s","target":"%s","sum":%d}', source, target, sum))
  end
  local trade_id = string.format("%s%s-t%d-%d", prefix, tag, thread_id, sequence)
  trades_last = trades_last + 1
  trades[trades_last] = { id = trade_id, source = source }
  return post(string.format('{"method":"发起交易","target":"%s","source":"%s","tradeID":"%s","sum":%d,"timeLimit":5}',
    target, source, trade_id, sum))
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  elseif string.find(body, "成功", 1, true) then
    ok = ok + 1
    if string.find(body, "转账成功", 1, true) or string.find(body, "支付成功", 1, true) then
      moved = moved + 1
    end
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_refused, total_errors, total_moved = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_refused = total_refused + thread:get("refused")
    total_errors = total_errors + thread:get("errors")
    total_moved = total_moved + thread:get("moved")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s = %.0f req/s\n", summary.requests, seconds, summary.requests / seconds))
  io.write(string.format("money movements: %d = %.0f/s (transfers and trade payments that succeeded)\n",
    total_moved, total_moved / seconds))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("outcomes: %d succeeded, %d refused by the rules, %d HTTP errors, %d socket errors\n",
    total_ok, total_refused, total_errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
