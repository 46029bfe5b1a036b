using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScanAnalyses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "scan_analyses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScanId = table.Column<Guid>(type: "uuid", nullable: false),
                    OriginScanId = table.Column<Guid>(type: "uuid", nullable: true),
                    Family = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ModelVersion = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Alarm = table.Column<bool>(type: "boolean", nullable: false),
                    Change = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Kg = table.Column<double>(type: "double precision", nullable: true),
                    RegionsImage = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Regions = table.Column<string>(type: "text", nullable: false),
                    Reasons = table.Column<string>(type: "text", nullable: false),
                    HeatmapJson = table.Column<string>(type: "text", nullable: true),
                    Milliseconds = table.Column<double>(type: "double precision", nullable: false),
                    CannotAnalyse = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AnalysedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_scan_analyses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_scan_analyses_OriginScanId",
                table: "scan_analyses",
                column: "OriginScanId");

            migrationBuilder.CreateIndex(
                name: "IX_scan_analyses_ScanId_AnalysedAt",
                table: "scan_analyses",
                columns: new[] { "ScanId", "AnalysedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "scan_analyses");
        }
    }
}
