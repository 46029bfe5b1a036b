using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScoreArrivals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ArrivedAt",
                table: "risk_scores",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Scores stored before the copy existed take their consignment's arrival (every score has one: a foreign key).
            migrationBuilder.Sql("""UPDATE risk_scores SET "ArrivedAt" = (SELECT c."ArrivedAt" FROM consignments c WHERE c."Id" = risk_scores."ConsignmentId");""");

            migrationBuilder.CreateIndex(
                name: "IX_risk_scores_ArrivedAt_Score",
                table: "risk_scores",
                columns: new[] { "ArrivedAt", "Score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_risk_scores_ArrivedAt_Score",
                table: "risk_scores");

            migrationBuilder.DropColumn(
                name: "ArrivedAt",
                table: "risk_scores");
        }
    }
}
