using Outreach.Bench;
using Outreach.Bench.Import;
using Outreach.Bench.Import.Generation;
using Outreach.Bench.Import.Grid;
using Outreach.Bench.Import.Importing;

const string Usage = """
    Outreach import benchmark

      generate --rows N --out PATH [--seed S] [--invalid-percent 5] [--duplicate-percent 10]
          Writes a realistic, messy prospect CSV (and PATH.meta.json with what it contains).
      inspect --file PATH
          Reads the file with the console's own reader, mapping and normaliser (offline) and counts
          what an import would accept, reject and why.
      import --url URL --email E --password P --file PATH [--pid PID] [--pg-pid PID] [--timeout-minutes M]
          Signs in, uploads with start=true, polls the import until it ends; with --pid, samples the
          console's resident memory. Reports the CPU used meanwhile (machine, console, PostgreSQL given its
          postmaster's --pg-pid, other). Prints one RESULT line; exits non-zero unless the import completed.
      grid --connection CS --team-slug SLUG [--iterations N] [--warmup N] [--search TEXT] [--tag TAG]
          Times ProspectService.GetPageAsync (first page of 50) for several filter combinations.
    """;

return await BenchMain.RunAsync(args, Usage, new Dictionary<string, BenchMain.Command>
{
    ["generate"] = (options, _) => Task.FromResult(GenerateCommand.Run(options)),
    ["inspect"] = InspectCommand.RunAsync,
    ["import"] = ImportCommand.RunAsync,
    ["grid"] = GridCommand.RunAsync,
});
