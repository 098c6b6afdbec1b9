<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DownloadPlurals</name>
    <message numerus="yes">
        <source>Download finished: %n episode(s)</source>
        <translation>
            <numerusform>Download finished: %n episode</numerusform>
            <numerusform>Download finished: %n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Download failed: %n episode(s)</source>
        <translation>
            <numerusform>Download failed: %n episode</numerusform>
            <numerusform>Download failed: %n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n episode(s) added to downloads</source>
        <translation>
            <numerusform>%n episode added to downloads</numerusform>
            <numerusform>%n episodes added to downloads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message numerus="yes">
        <source>%n episode(s)</source>
        <translation>
            <numerusform>%n episode</numerusform>
            <numerusform>%n episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n episode(s)</source>
        <translation>
            <numerusform>%1 of %n episode</numerusform>
            <numerusform>%1 of %n episodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeQuestion</name>
    <message numerus="yes">
        <source>Add this computer&apos;s favourites (%n) to the account?</source>
        <translation>
            <numerusform>Add this computer&apos;s favourite (%n) to the account?</numerusform>
            <numerusform>Add this computer&apos;s favourites (%n) to the account?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message numerus="yes">
        <source>%n new episode(s)</source>
        <translation>
            <numerusform>%n new episode</numerusform>
            <numerusform>%n new episodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
</TS>
