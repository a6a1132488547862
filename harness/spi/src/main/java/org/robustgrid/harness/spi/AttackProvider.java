package org.robustgrid.harness.spi;

/** Provides an adversarial attack, used to train (the train attack) and to evaluate (eval attacks). */
public interface AttackProvider extends PluginProvider<Attack> {}
