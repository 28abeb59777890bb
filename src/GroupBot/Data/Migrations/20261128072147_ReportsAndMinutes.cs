using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GroupBot.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReportsAndMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Minutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Topics = table.Column<string>(type: "TEXT", nullable: false),
                    Decisions = table.Column<string>(type: "TEXT", nullable: false),
                    FollowUp = table.Column<string>(type: "TEXT", nullable: true),
                    NextMeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Present = table.Column<int>(type: "INTEGER", nullable: false),
                    Members = table.Column<int>(type: "INTEGER", nullable: false),
                    PhotosJson = table.Column<string>(type: "TEXT", nullable: false),
                    WrittenByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Minutes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Minutes_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavingsReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<long>(type: "INTEGER", nullable: false),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Savings = table.Column<long>(type: "INTEGER", nullable: true),
                    LoansDisbursed = table.Column<long>(type: "INTEGER", nullable: true),
                    Repayments = table.Column<long>(type: "INTEGER", nullable: true),
                    FinesAndSocial = table.Column<long>(type: "INTEGER", nullable: true),
                    LoansOutstanding = table.Column<long>(type: "INTEGER", nullable: true),
                    Sales = table.Column<long>(type: "INTEGER", nullable: true),
                    Costs = table.Column<long>(type: "INTEGER", nullable: true),
                    Contributions = table.Column<long>(type: "INTEGER", nullable: true),
                    Spending = table.Column<long>(type: "INTEGER", nullable: true),
                    CashBalance = table.Column<long>(type: "INTEGER", nullable: false),
                    MembersSaved = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpectedCash = table.Column<long>(type: "INTEGER", nullable: true),
                    CashMismatch = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReportedByPersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavingsReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavingsReports_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_GroupId",
                table: "Minutes",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Minutes_MeetingId_Version",
                table: "Minutes",
                columns: new[] { "MeetingId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavingsReports_GroupId",
                table: "SavingsReports",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_SavingsReports_MeetingId_Version",
                table: "SavingsReports",
                columns: new[] { "MeetingId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Minutes");

            migrationBuilder.DropTable(
                name: "SavingsReports");
        }
    }
}
