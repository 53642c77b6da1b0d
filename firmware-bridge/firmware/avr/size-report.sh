#!/bin/sh
# Flash (.text + .data) and RAM (.data + .bss + .noinit) of an AVR ELF against the part's limits;
# fails when either does not fit. Usage: size-report.sh ELF FLASH_USABLE FLASH_TOTAL RAM_TOTAL
set -eu
elf=$1 flash_usable=$2 flash_total=$3 ram_total=$4
avr-size -A "$elf" | awk -v fu="$flash_usable" -v ft="$flash_total" -v rt="$ram_total" '
  $1 == ".text" { text = $2 } $1 == ".data" { data = $2 } $1 == ".bss" { bss = $2 } $1 == ".noinit" { noinit = $2 }
  END {
    flash = text + data; ram = data + bss + noinit
    printf "plm-controller.elf: flash %d of %d bytes (%.1f %%; %d usable beside the bootloader), RAM %d of %d bytes (%.1f %%, stack not counted)\n", flash, ft, 100 * flash / ft, fu, ram, rt, 100 * ram / rt
    if (flash > fu || ram > rt - 256) { print "plm-controller.elf: does not fit the ATmega328P (keeping 256 bytes of RAM for the stack)"; exit 1 }
  }'
