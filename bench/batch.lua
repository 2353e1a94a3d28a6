-- wrk script: POSTs a JSON array of 100 addresses that no other request in the run used.
dofile(debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "distinct-ips.lua")

function request()
  local ips = {}
  for i = 1, 100 do
    ips[i] = '"' .. ip() .. '"'
  end
  return wrk.format("POST", wrk.path, { ["Content-Type"] = "application/json" }, "[" .. table.concat(ips, ",") .. "]")
end
