using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portcullis.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SensorReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sensor_readings",
                columns: table => new
                {
                    DeviceId = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    ReadingId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    ContainerNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Seal = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    SealNumber = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DoorOpen = table.Column<bool>(type: "boolean", nullable: true),
                    Value = table.Column<double>(type: "double precision", nullable: true),
                    SetPoint = table.Column<double>(type: "double precision", nullable: true),
                    BatteryPercent = table.Column<double>(type: "double precision", nullable: true),
                    Warnings = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Raw = table.Column<string>(type: "text", nullable: true),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Evaluation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sensor_readings", x => new { x.DeviceId, x.ReadingId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_sensor_readings_ContainerNumber_OccurredAt",
                table: "sensor_readings",
                columns: new[] { "ContainerNumber", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_sensor_readings_Evaluation_ContainerNumber",
                table: "sensor_readings",
                columns: new[] { "Evaluation", "ContainerNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sensor_readings");
        }
    }
}
