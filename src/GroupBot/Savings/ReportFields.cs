using GroupBot.People;

namespace GroupBot.Savings;

public enum ReportField
{
    Savings,
    LoansDisbursed,
    Repayments,
    FinesAndSocial,
    LoansOutstanding,
    Sales,
    Costs,
    Contributions,
    Spending,
    CashBalance,
}

/// <summary>
/// What each kind of group reports, in the order it is asked. Savings groups record what Ledger
/// Link, Chomoka and VSL-MIS record; business groups their sales and costs; religious groups
/// their contributions (iuran/infaq) and spending.
/// </summary>
public static class ReportFields
{
    public static IReadOnlyList<ReportField> For(GroupKind kind) => kind switch
    {
        GroupKind.SavingsLoan =>
            [ReportField.Savings, ReportField.LoansDisbursed, ReportField.Repayments, ReportField.FinesAndSocial, ReportField.LoansOutstanding, ReportField.CashBalance],
        GroupKind.Business => [ReportField.Sales, ReportField.Costs, ReportField.Savings, ReportField.CashBalance],
        GroupKind.Religious => [ReportField.Contributions, ReportField.Spending, ReportField.CashBalance],
        _ => [ReportField.Savings, ReportField.Contributions, ReportField.Spending, ReportField.CashBalance],
    };

    /// <summary>Savings groups also say how many members saved.</summary>
    public static bool AsksMembersSaved(GroupKind kind) => kind == GroupKind.SavingsLoan;

    /// <summary>Fields where "0", "tidak ada" and "lewati" all mean zero.</summary>
    public static bool IsOptional(GroupKind kind, ReportField field) => field switch
    {
        ReportField.FinesAndSocial => true,
        ReportField.Savings => kind != GroupKind.SavingsLoan,
        ReportField.Contributions => kind == GroupKind.Other,
        _ => false,
    };

    /// <summary>Money coming into the cash box (+1), going out (−1), or neither (0: a balance).</summary>
    public static int CashDirection(ReportField field) => field switch
    {
        ReportField.Savings or ReportField.Repayments or ReportField.FinesAndSocial or ReportField.Sales or ReportField.Contributions => 1,
        ReportField.LoansDisbursed or ReportField.Costs or ReportField.Spending => -1,
        _ => 0,
    };

    public static long? Get(SavingsReport r, ReportField field) => field switch
    {
        ReportField.Savings => r.Savings,
        ReportField.LoansDisbursed => r.LoansDisbursed,
        ReportField.Repayments => r.Repayments,
        ReportField.FinesAndSocial => r.FinesAndSocial,
        ReportField.LoansOutstanding => r.LoansOutstanding,
        ReportField.Sales => r.Sales,
        ReportField.Costs => r.Costs,
        ReportField.Contributions => r.Contributions,
        ReportField.Spending => r.Spending,
        _ => r.CashBalance,
    };

    public static void Set(SavingsReport r, ReportField field, long value)
    {
        switch (field)
        {
            case ReportField.Savings: r.Savings = value; break;
            case ReportField.LoansDisbursed: r.LoansDisbursed = value; break;
            case ReportField.Repayments: r.Repayments = value; break;
            case ReportField.FinesAndSocial: r.FinesAndSocial = value; break;
            case ReportField.LoansOutstanding: r.LoansOutstanding = value; break;
            case ReportField.Sales: r.Sales = value; break;
            case ReportField.Costs: r.Costs = value; break;
            case ReportField.Contributions: r.Contributions = value; break;
            case ReportField.Spending: r.Spending = value; break;
            default: r.CashBalance = value; break;
        }
    }

    /// <summary>Previous balance + money in − money out, for the fields a report has.</summary>
    public static long ExpectedCash(long previousBalance, IReadOnlyDictionary<ReportField, long> values) =>
        previousBalance + values.Sum(v => CashDirection(v.Key) * v.Value);
}
