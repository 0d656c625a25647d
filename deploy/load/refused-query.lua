-- wrk script: 查询账户信息 without its username, which the gateway refuses (400 MISSING_FIELD) before any grain call:
-- the gateway's own cost (HTTP, the body, JSON, the method table, the reply) without the grain call's.
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"method":"查询账户信息"}'
end
