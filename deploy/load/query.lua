-- wrk script: 查询账户信息 of one account, again and again (its grain stays active: reads from memory).
-- Argument (after --): the username.
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.body = '{"method":"查询账户信息","username":"' .. args[1] .. '"}'
end
