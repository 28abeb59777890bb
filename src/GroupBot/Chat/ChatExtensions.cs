namespace GroupBot.Chat;

public static class ChatExtensions
{
    /// <summary>Inbox, per-chat ordering, conversation engine, router, outbox, its dispatcher and delivery news.</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<Texts>();
        s.AddSingleton<BotMetrics>();
        s.AddSingleton<ChatMoves>();
        s.AddSingleton<DeliveryReports>();
        s.AddSingleton<Outbox>();
        s.AddSingleton<Broadcast>();
        s.AddSingleton<ChatProcessor>();
        s.AddSingleton<Router>();
        s.AddScoped<ConversationEngine>();
        s.AddScoped<MessageHandler>();
        s.AddHostedService<InboxWorker>();
        s.AddSingleton<OutboxDispatcher>();
        s.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        s.AddSingleton<ConversationSweeper>();
        s.AddHostedService(sp => sp.GetRequiredService<ConversationSweeper>());
        return builder;
    }

    /// <summary>Registers a command; its words become known to the router.</summary>
    public static IServiceCollection AddCommand<T>(this IServiceCollection services) where T : class, ICommand =>
        services.AddSingleton<ICommand, T>();

    /// <summary>Registers a flow both as itself (commands start it) and as <see cref="IFlow"/> (the engine resumes it).</summary>
    public static IServiceCollection AddFlow<T>(this IServiceCollection services) where T : class, IFlow =>
        services.AddSingleton<T>().AddSingleton<IFlow>(sp => sp.GetRequiredService<T>());
}
