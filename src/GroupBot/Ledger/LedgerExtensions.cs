using GroupBot.Chat;
using GroupBot.Savings;
using GroupBot.Scheduling;

namespace GroupBot.Ledger;

public static class LedgerExtensions
{
    /// <summary>Each member's own book: the rules, the treasurer's meeting entry, loans with two keys, passbooks and receipts, arrears, the share-out.</summary>
    public static IHostApplicationBuilder AddLedger(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddFlow<RulesFlow>();
        s.AddCommand<RulesCommand>();
        s.AddFlow<EntryFlow>();
        s.AddSingleton<IReportTakeover, LedgerReportTakeover>();
        s.AddFlow<LoanFlow>();
        s.AddCommand<LoanCommand>();
        s.AddSingleton<ApprovalRequests>();
        s.AddSingleton<Approvals>();
        s.AddSingleton<ShareOuts>();
        s.AddCommand<ApproveCommand>();
        s.AddCommand<RejectCommand>();
        s.AddCommand<ShareOutCommand>();
        s.AddCommand<MySavingsCommand>();
        s.AddCommand<BookCommand>();
        s.AddCommand<ArrearsCommand>();
        s.AddCommand<WrongReceiptCommand>();
        s.AddCommand<SettleFlagCommand>();
        s.AddScoped<LoanReminders>();
        s.AddScheduleSync<LoanSchedule>();
        return builder;
    }
}
