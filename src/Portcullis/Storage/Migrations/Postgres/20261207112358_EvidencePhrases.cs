using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EvidencePhrases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReasonPhrases",
                table: "scan_analyses",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DetailPhrase",
                table: "integrity_alarms",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ReasonPhrases",
                table: "scan_analyses");

            migrationBuilder.DropColumn(
                name: "DetailPhrase",
                table: "integrity_alarms");
        }
    }
}
