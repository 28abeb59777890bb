using GroupBot.Attendance;
using GroupBot.Backups;
using GroupBot.Business;
using GroupBot.Channels.Simulator;
using GroupBot.Channels.Telegram;
using GroupBot.Channels.WhatsApp;
using GroupBot.Chat;
using GroupBot.Data;
using GroupBot.Grades;
using GroupBot.Groups;
using GroupBot.Health;
using GroupBot.Ledger;
using GroupBot.Minutes;
using GroupBot.Onboarding;
using GroupBot.Planning;
using GroupBot.Privacy;
using GroupBot.Reminders;
using GroupBot.Savings;
using GroupBot.Scheduling;
using GroupBot.Summaries;
using GroupBot.Trainings;

namespace GroupBot;

/// <summary>The composition root: what the bot is made of, feature by feature.</summary>
public static class GroupBotApp
{
    /// <summary>The default address of the local simulator page; --urls and ASPNETCORE_URLS override it.</summary>
    public const string DefaultUrl = "http://localhost:5080";

    /// <param name="configure">Runs before the features are added (tests set configuration and the clock here).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddTelemetry();
        builder.AddGroupBotData();
        builder.AddChat();
        builder.AddOnboarding();
        builder.AddGroups();
        builder.AddPrivacy();
        builder.AddAttendance();
        builder.AddReports();
        builder.AddMinutes();
        builder.AddBusiness();
        builder.AddScheduler();
        builder.AddBackups();
        builder.AddReminders();
        builder.AddTrainings();
        builder.AddPlanning();
        builder.AddLedger();
        builder.AddSummaries();
        builder.AddGrades();
        builder.AddTelegram();
        builder.AddWhatsApp();
        builder.AddSimulator();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapHealth();
        app.MapTelegram();
        app.MapWhatsApp();
        app.MapSimulator();
        return app;
    }
}
