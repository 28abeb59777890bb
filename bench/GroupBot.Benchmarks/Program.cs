using System.Diagnostics;
using GroupBot.Benchmarks;

// Usage: dotnet run -c Release --project bench/GroupBot.Benchmarks -- [reminders|summary|ledger|load|outbound|all] [--users 2000] [--concurrency 32] [--parallel 32]
var which = args.FirstOrDefault() ?? "all";
var results = new List<string>();
if (which is "reminders" or "all")
{
    results.AddRange(await ReminderBenchmark.RunAsync());
}

if (which is "summary" or "all")
{
    results.AddRange(await SummaryBenchmark.RunAsync());
}

if (which is "ledger" or "all")
{
    results.AddRange(await LedgerBenchmark.RunAsync());
}

if (which is "outbound" or "all")
{
    results.AddRange(await OutboundBenchmark.RunAsync(args));
}

if (which is "load" or "all")
{
    results.AddRange(await GroupBot.Benchmarks.Load.LoadBenchmark.RunAsync(args));
}

Console.WriteLine();
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {TimeProvider.System.GetUtcNow():yyyy-MM-dd}");
foreach (var line in results)
{
    Console.WriteLine(line);
}

Console.WriteLine($"Peak RSS of the whole run: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MB");
