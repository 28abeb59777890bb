using GroupBot;

return args switch
{
    ["import", var file, ..] => await Cli.ImportAsync(file, args[2..]),
    ["healthcheck", ..] => await Cli.HealthCheckAsync(args[1..]),
    ["backup", var target, ..] => Cli.Backup(target, args[2..]),
    ["migrate-to-postgres", var connection, ..] when !connection.StartsWith("--", StringComparison.Ordinal) => await MoveToPostgres.RunAsync(connection, args[2..], Console.Out),
    ["migrate-to-postgres", ..] => await MoveToPostgres.RunAsync(null, args[1..], Console.Out),
    _ => await RunAsync(args),
};

static async Task<int> RunAsync(string[] args)
{
    var app = GroupBotApp.Build(GroupBotApp.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
