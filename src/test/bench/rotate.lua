-- wrk script: cycles through the request paths listed (one per line) in the file named by the
-- environment variable PATHS, so one run touches many cache keys.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do
  if line ~= "" then paths[#paths + 1] = line end
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
