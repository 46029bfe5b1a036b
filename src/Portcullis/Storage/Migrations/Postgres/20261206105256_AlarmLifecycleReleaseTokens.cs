using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AlarmLifecycleReleaseTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AlarmSelectionId",
                table: "integrity_alarms",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "integrity_alarms",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "release_tokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HubCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false),
                    HaulierOrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HaulierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DriverId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CollectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CollectedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ConsumedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsumedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_release_tokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_release_tokens_organisations_HaulierOrganisationId",
                        column: x => x.HaulierOrganisationId,
                        principalTable: "organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_release_tokens_ContainerNumber_IssuedAt",
                table: "release_tokens",
                columns: new[] { "ContainerNumber", "IssuedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_release_tokens_HaulierOrganisationId",
                table: "release_tokens",
                column: "HaulierOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "release_tokens");

            migrationBuilder.DropColumn(
                name: "AlarmSelectionId",
                table: "integrity_alarms");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "integrity_alarms");
        }
    }
}
